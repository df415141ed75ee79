import { withTexts } from '$lib/i18n/with-texts';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = (event) => withTexts(event);
