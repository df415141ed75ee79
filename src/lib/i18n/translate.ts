import type { TFunction } from 'i18next';

/**
 * The part of i18next the pages use (nested keys, {{value}} interpolation, _one/_other plurals
 * by the language's plural rules, defaultValue), in a few hundred bytes instead of i18next's
 * 13 KB in every page's first load. The server's e-mails and SMS keep i18next (serverT);
 * translate.spec.ts proves both give the same text for every key of both languages.
 */
type Tree = { [key: string]: unknown };
type Options = { count?: number; defaultValue?: string; [name: string]: unknown };

export function createTranslate(lang: string, resources: Tree): TFunction {
	const plurals = new Intl.PluralRules(lang);
	const lookup = (key: string): string | undefined => {
		let node: unknown = resources;
		for (const part of key.split('.')) {
			if (node === null || typeof node !== 'object') return undefined;
			node = (node as Tree)[part];
		}
		return typeof node === 'string' ? node : undefined;
	};
	const interpolate = (text: string, options: Options) =>
		// A value not given leaves its placeholder, as i18next does.
		text.replace(/\{\{([^}]+)\}\}/g, (placeholder, name: string) => {
			const value = name
				.trim()
				.split('.')
				.reduce<unknown>((o, p) => (o === null || o === undefined ? undefined : (o as Tree)[p]), options);
			return value === undefined || value === null ? placeholder : String(value);
		});
	const translate = (key: string, options: Options = {}): string => {
		const text =
			(typeof options.count === 'number' ? lookup(`${key}_${plurals.select(options.count)}`) : undefined) ?? lookup(key) ?? options.defaultValue;
		return text === undefined ? key : interpolate(text, options);
	};
	return translate as unknown as TFunction;
}

const MISSING = '\u0000missing';

/**
 * A page's translator with texts that came as data (a form's texts, services' names): those
 * first, the locale's for everything else.
 */
export function extendTranslate(base: TFunction, lang: string, texts: Tree): TFunction {
	const own = createTranslate(lang, texts) as unknown as (key: string, options?: Options) => string;
	const extended = (key: string, options: Options = {}) => {
		const text = own(key, { ...options, defaultValue: MISSING });
		return text === MISSING ? base(key, options as never) : text;
	};
	return extended as unknown as TFunction;
}
