import type { Lang } from '$lib/i18n';
import type { SessionValidationResult } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			lang: Lang;
			session: SessionValidationResult['session'];
			citizen: SessionValidationResult['citizen'];
			staff: SessionValidationResult['staff'];
		}
		interface Error {
			message: string;
		}
	}
}

export {};
