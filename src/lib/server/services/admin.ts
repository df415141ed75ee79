import { eq } from 'drizzle-orm';
import { db, first, tables, transaction } from '$lib/server/db';
import { deliveryModes, lifeSituations, loaLevels, serviceKinds, type Service, type ServiceTexts } from '$lib/server/db/schema';
import { isProduction } from '$lib/server/config';
import { logChange } from '$lib/server/audit/changes';

export interface ServiceError {
	fieldId: string;
	code: 'required' | 'slug' | 'slug_taken' | 'url' | 'kle' | 'minutes' | 'form_missing' | 'choice' | 'too_long' | 'delivery_none' | 'webhook_url' | 'email';
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,59}$/;
const KLE = /^\d{2}\.\d{2}(\.\d{2})?$/;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A case system's endpoint: HTTPS, except a test receiver on this machine outside production. */
function isWebhookUrl(url: string | null): boolean {
	if (isHttps(url)) return true;
	try {
		const u = new URL(url ?? '');
		return !isProduction() && u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
	} catch {
		return false;
	}
}

function isHttps(url: string | null): boolean {
	if (!url) return false;
	try {
		return new URL(url).protocol === 'https:';
	} catch {
		return false;
	}
}

/** A service from the catalogue form's fields; each wrong field named. */
export function readService(get: (n: string) => string, slugFixed: string | null, formIds: string[]) {
	const errors: ServiceError[] = [];
	const slug = slugFixed ?? get('slug').trim();
	if (!slugFixed && !SLUG.test(slug)) errors.push({ fieldId: 'slug', code: 'slug' });
	const pick = <T extends string>(name: string, allowed: readonly T[]): T => {
		const v = get(name) as T;
		if (!allowed.includes(v)) errors.push({ fieldId: name, code: 'choice' });
		return v;
	};
	const kind = pick('kind', serviceKinds);
	const lifeSituation = pick('lifeSituation', lifeSituations);
	const minLoa = pick('minLoa', loaLevels);
	const texts = {} as Record<'da' | 'en', ServiceTexts>;
	for (const lang of ['da', 'en'] as const) {
		const text = (name: string, max: number, required = true) => {
			const v = get(`${name}-${lang}`).trim();
			if (required && !v) errors.push({ fieldId: `${name}-${lang}`, code: 'required' });
			else if (v.length > max) errors.push({ fieldId: `${name}-${lang}`, code: 'too_long' });
			return v;
		};
		const lines = (name: string, split: RegExp) => text(name, 2000, false).split(split).map((x) => x.trim()).filter(Boolean);
		const processingTime = text('processingTime', 300, false);
		texts[lang] = {
			title: text('title', 120),
			summary: text('summary', 300),
			description: text('description', 3000),
			youNeed: lines('youNeed', /\r?\n/),
			keywords: lines('keywords', /,/),
			...(processingTime ? { processingTime } : {})
		};
	}
	const formId = get('formId') || null;
	if (kind === 'form' && (!formId || !formIds.includes(formId))) errors.push({ fieldId: 'formId', code: 'form_missing' });
	const externalUrl = get('externalUrl').trim() || null;
	if (kind === 'national' && !isHttps(externalUrl)) errors.push({ fieldId: 'externalUrl', code: 'url' });
	const kle = get('kle').trim() || null;
	if (kle && !KLE.test(kle)) errors.push({ fieldId: 'kle', code: 'kle' });
	const deliveries = kind === 'form' ? deliveryModes.filter((m) => get(`delivery-${m}`) === 'yes') : (['inbox'] as const).slice();
	if (!deliveries.length) errors.push({ fieldId: 'delivery-inbox', code: 'delivery_none' });
	const webhookUrl = get('webhookUrl').trim() || null;
	if (deliveries.includes('webhook') && !isWebhookUrl(webhookUrl)) errors.push({ fieldId: 'webhookUrl', code: 'webhook_url' });
	const deliveryEmail = get('deliveryEmail').trim() || null;
	if (deliveries.includes('email') && !(deliveryEmail && EMAIL.test(deliveryEmail) && deliveryEmail.length <= 200)) errors.push({ fieldId: 'deliveryEmail', code: 'email' });
	const minutes = Number(get('estimatedMinutes'));
	if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) errors.push({ fieldId: 'estimatedMinutes', code: 'minutes' });
	const service = {
		slug,
		kind,
		lifeSituation,
		minLoa,
		texts,
		formId: kind === 'form' ? formId : null,
		externalUrl: kind === 'national' ? externalUrl : null,
		kle,
		deliveries,
		webhookUrl: deliveries.includes('webhook') ? webhookUrl : null,
		deliveryEmail: deliveries.includes('email') ? deliveryEmail : null,
		selfServiceMandatory: get('selfServiceMandatory') === 'yes',
		needsCounterVisit: get('needsCounterVisit') === 'yes',
		estimatedMinutes: minutes,
		active: get('retired') !== 'yes'
	};
	return { service, errors };
}

type Edited = ReturnType<typeof readService>['service'];

/** Creates or updates a service; a new slug that exists is refused, not overwritten. */
export function saveService(service: Edited, isNew: boolean, staffId: string): Promise<ServiceError[]> {
	return transaction(async () => {
		const s = tables.services;
		const existing = await first(db().select({ slug: s.slug }).from(s).where(eq(s.slug, service.slug)).limit(1));
		if (isNew && existing) return [{ fieldId: 'slug', code: 'slug_taken' }];
		if (!isNew && !existing) return [{ fieldId: 'slug', code: 'slug' }];
		if (isNew) {
			const count = (await db().select({ slug: s.slug }).from(s)).length;
			await db()
				.insert(s)
				.values({ ...service, sortOrder: count });
		} else await db().update(s).set(service).where(eq(s.slug, service.slug));
		await logChange(staffId, 'service', service.slug, isNew ? 'create' : service.active ? 'save' : 'retire');
		return [];
	});
}

export function allServices(): Promise<Service[]> {
	return db().select().from(tables.services).orderBy(tables.services.sortOrder);
}
