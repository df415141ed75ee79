import { withTexts } from '$lib/i18n/with-texts';
import type { PageLoad } from './$types';

export const load: PageLoad = (event) => withTexts(event);
