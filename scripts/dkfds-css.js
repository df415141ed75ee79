// What the build does to dkfds' stylesheet (vite.config.ts): IBM's subsets of the fonts instead
// of the whole fonts, and only the rules whose classes the app uses.
import { PurgeCSS } from 'purgecss';

// IBM's split of IBM Plex (the ranges of its own stylesheet, @ibm/plex css/ibm-plex.css), as dkfds
// ships the files under fonts/IBMPlexSans/split/. Latin1 covers Danish and English text.
export const PLEX_SUBSETS = {
	Latin1:
		'U+0000,U+000D,U+0020-007E,U+00A0-00A3,U+00A4-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2013-2014,U+2018-201A,U+201C-201E,U+2020-2022,U+2026,U+2030,U+2039-203A,U+2044,U+2074,U+20AC,U+2122,U+2212,U+FB01-FB02',
	Latin2: 'U+0100-024F,U+0259,U+1E00-1EFF,U+20A0-20AB,U+20AD-20CF,U+2C60-2C7F,U+A720-A7FF,U+FB01-FB02',
	Latin3: 'U+0102-0103,U+1EA0-1EF9,U+20AB',
	// Symbols, Cyrillic and Greek fall back to the system font: each subset costs CSS on every page.
	/* Pi: 'U+0E3F,U+2032-2033,U+2070,U+2075-2079,U+2080-2081,U+2083,U+2085-2089,U+2113,U+2116,U+2126,U+212E,U+2150-2151,U+2153-215E,U+2190-2199,U+21A9-21AA,U+21B0-21B3,U+21B6-21B7,U+21BA-21BB,U+21C4,U+21C6,U+2202,U+2206,U+220F,U+2211,U+2215,U+221A,U+221E,U+222B,U+2248,U+2260,U+2264-2265,U+25CA,U+2713,U+274C,U+2B0E-2B11,U+EBE1-EBE7,U+ECE0,U+EFCC',
	Cyrillic: 'U+0400-045F,U+0472-0473,U+0490-049D,U+04A0-04A5,U+04AA-04AB,U+04AE-04B3,U+04B6-04BB,U+04C0-04C2,U+04CF-04D9,U+04DC-04DF,U+04E2-04E9,U+04EE-04F5,U+04F8-04F9',
	Greek: 'U+0384-038A,U+038C,U+038E-03A1,U+03A3-03CE' */
};

const WEIGHTS = { 400: 'Regular', 500: 'Medium', 600: 'SemiBold', 700: 'Bold' };

/**
 * Each of dkfds' whole IBM Plex Sans faces becomes one face per subset, with its unicode-range.
 * `optional` rather than dkfds' `swap`: a font that arrives after the text was drawn no longer
 * moves the page (Lighthouse measured a layout shift of 0.15 on a form page); it is used from the
 * next page on, out of the browser's cache or the service worker's precache.
 */
export function splitPlexFonts(css) {
	return css.replace(/@font-face\{[^}]*font-family:\s*"?IBM Plex Sans"?;[^}]*\}/g, (block) => {
		const style = /font-style:\s*(\w+)/.exec(block)?.[1] ?? 'normal';
		const weight = /font-weight:\s*(\d+)/.exec(block)?.[1] ?? '400';
		const name = WEIGHTS[weight];
		if (!name) return block;
		const file = style === 'italic' ? (name === 'Regular' ? 'Italic' : `${name}Italic`) : name;
		return Object.entries(PLEX_SUBSETS)
			.map(
				([subset, range]) =>
					`@font-face{font-display:optional;font-family:IBM Plex Sans;font-style:${style};font-weight:${weight};` +
					`src:url(../fonts/IBMPlexSans/split/woff2/IBMPlexSans-${file}-${subset}.woff2) format("woff2"),url(../fonts/IBMPlexSans/split/woff/IBMPlexSans-${file}-${subset}.woff) format("woff");` +
					`unicode-range:${range}}`
			)
			.join('');
	});
}

/**
 * dkfds is 216 KB of CSS (37 KB compressed) on every first load; the app uses a small part.
 * Classes are read from the sources (Svelte, TypeScript, app.html); the few composed at run
 * time (alert-{variant}, badge-{…}) are kept by pattern. Element, attribute and state rules
 * stay, and so do the variables and keyframes they use.
 */
export async function purgeDkfds(css, content) {
	const [result] = await new PurgeCSS().purge({
		content,
		css: [{ raw: css }],
		defaultExtractor: (text) => text.match(/[\w-]+/g) ?? [],
		safelist: { standard: [/^alert-/, /^badge-/, /^button-/, /^input-/, /^form-/, /^d-/], greedy: [/^sr-only/] },
		keyframes: false,
		fontFace: false,
		variables: false
	});
	return result.css;
}
