import type { Lang } from '$lib/i18n';
import type { SessionValidationResult } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
			session: SessionValidationResult['session'];
			citizen: SessionValidationResult['citizen'];
			staff: SessionValidationResult['staff'];
			/** The citizen the signed-in citizen acts for under a power of attorney, if any. */
			actingFor: SessionValidationResult['actingFor'];
			/** The citizen a staff member is serving now (medbetjening), if any. */
			assisted: SessionValidationResult['assisted'];
			/** A staff password was right and the second factor is still to come: nobody is signed in yet. */
			awaitingSecondFactor: SessionValidationResult['awaitingSecondFactor'];
			/** This device is a shared kiosk at Borgerservice. */
			kiosk: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
