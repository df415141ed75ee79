/**
 * A form is data: a JSON document (format 1, published as a JSON Schema by format.ts) that
 * holds its own texts in Danish and English, stored in the database in versions, and shared by
 * server and browser. Pages draw its texts through i18n keys,
 * `forms.<formId>.<questionId>.label|hint|name|unit|options.<value>|errors.<code>` and
 * `forms.<formId>.pages.<pageId>.title|body`, which formTexts (texts.ts) makes from the document.
 */

export type Lang = 'da' | 'en';

/** A text in both languages: a definition is not valid with either missing. */
export type Texts = Record<Lang, string>;

export interface AddressValue {
	street: string;
	postcode: string;
	city: string;
}

export interface FileValue {
	uploadId: string;
	name: string;
	size: number;
	type: string;
}

/** Dates are ISO `yyyy-mm-dd` strings; checkboxes are arrays of option values. */
export type AnswerValue = string | string[] | AddressValue | FileValue;

/** Open Forms' idea: each value remembers whether the citizen typed it or the register gave it. */
export type AnswerSource = 'user' | 'register';

export interface Answer {
	value: AnswerValue;
	source: AnswerSource;
	/** For options from the register: their texts when submitted, as the register changes. */
	texts?: string[];
}

export type Answers = Record<string, Answer>;

/** Facts the engine needs that do not come from the citizen's answers. */
export interface FormContext {
	/** Today's local date in Europe/Copenhagen, `yyyy-mm-dd`. */
	today: string;
	/** Options known only at run time, such as the members of the citizen's household. */
	options: Partial<Record<OptionSource, DynamicOption[]>>;
	/** Register values a question may be pre-filled with. */
	prefill: Partial<Record<PrefillSource, AnswerValue>>;
}

export type OptionSource = 'household' | 'children';
export type PrefillSource = 'address' | 'email' | 'phone';

/** An option whose text is data (a person's name), not a translatable key. */
export interface DynamicOption {
	value: string;
	text: string;
}

export type Condition =
	| { question: string; equals: string }
	| { question: string; oneOf: string[] }
	| { question: string; includes: string }
	| { hasOptions: OptionSource }
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition };

interface QuestionBase {
	id: string;
	label: Texts;
	/** The question's short name, used in the general error messages ("Enter {{name}}"). */
	name: Texts;
	hint?: Texts;
	/** The question's own wording of an error, by code (`required`, or `<code>_<part>`). */
	errors?: Record<string, Texts>;
	optional?: boolean;
	showIf?: Condition;
	prefill?: PrefillSource;
	/** For the browser's autofill (WCAG 1.3.5). */
	autocomplete?: string;
}

export interface TextQuestion extends QuestionBase {
	type: 'text';
	maxLength?: number;
	/** A regular expression the whole trimmed answer must match; failing it gives `invalid_format`. */
	pattern?: string;
	width?: 'xs' | 's' | 'm' | 'l';
}
export interface TextareaQuestion extends QuestionBase {
	type: 'textarea';
	maxLength?: number;
}
export interface NumberQuestion extends QuestionBase {
	type: 'number';
	min?: number;
	max?: number;
	integer?: boolean;
	/** A unit shown after the field, such as "cm". */
	unit?: Texts;
}
export interface DateQuestion extends QuestionBase {
	type: 'date';
	/** Bounds relative to today, in days; negative is in the past. */
	minDays?: number;
	maxDays?: number;
}
export interface ChoiceQuestion extends QuestionBase {
	type: 'radio' | 'checkbox' | 'select';
	/** Options of the definition's own, or a source known at run time. */
	options: ChoiceOption[] | { from: OptionSource };
	/** Ask the citizen to choose at least this many checkboxes (default 1 unless optional). */
	minSelected?: number;
}
export interface ChoiceOption {
	value: string;
	label: Texts;
	hint?: Texts;
}

export interface SimpleQuestion extends QuestionBase {
	type: 'email' | 'phone' | 'cpr' | 'yesno' | 'address';
}
export interface FileQuestion extends QuestionBase {
	type: 'file';
	maxBytes: number;
	accept: string[];
}

export type Question =
	| TextQuestion
	| TextareaQuestion
	| NumberQuestion
	| DateQuestion
	| ChoiceQuestion
	| SimpleQuestion
	| FileQuestion;

export type QuestionType = Question['type'];

/**
 * A check across the questions of one page. `rankedChoices`: choices in order of preference,
 * each different, a lower one only with the ones above it.
 */
export interface PageRule {
	rule: 'rankedChoices';
	questions: string[];
}

export interface FormPage {
	id: string;
	questions: Question[];
	showIf?: Condition;
	/** A page with more than one question has a title; a single question's label is the heading. */
	title?: Texts;
	/** Explanatory text above the questions. */
	body?: Texts;
	rules?: PageRule[];
}

export const FORMAT_VERSION = 1;

/** A form as it is stored, exported and imported: one version's document. */
export interface FormDocument {
	format: typeof FORMAT_VERSION;
	id: string;
	serviceSlug: string;
	pages: FormPage[];
	/** The question whose e-mail address gets the receipt. */
	receiptEmailQuestion?: string;
	/** The form cannot be filled without these register facts (e.g. a child in the household). */
	requiresOptions?: OptionSource;
	/** The receipt tells the citizen a visit to Borgerservice is needed to finish. */
	counterVisitRequired?: boolean;
	/** Billed when this question was asked: a fee letter goes to Digital Post with the amount. */
	fee?: { question: string; amountKr: number };
	/** A child's application: the question with the other parent's CPR number, and the child's. */
	parentConsent?: { question: string; childQuestion: string };
}

/** A document with the version it was stored as: what the engine runs. */
export interface FormDefinition extends FormDocument {
	version: number;
}

export type ErrorCode =
	| 'required'
	| 'too_long'
	| 'invalid_format'
	| 'not_number'
	| 'not_integer'
	| 'number_min'
	| 'number_max'
	| 'date_incomplete'
	| 'date_invalid'
	| 'date_min'
	| 'date_max'
	| 'email_invalid'
	| 'phone_chars'
	| 'phone_foreign'
	| 'phone_length'
	| 'phone_first_digit'
	| 'cpr_invalid'
	| 'cpr_future'
	| 'postcode_invalid'
	| 'choice_invalid'
	| 'min_selected'
	| 'file_too_large'
	| 'file_type'
	| 'file_empty'
	| 'distinct_choices'
	| 'priority_gap';

export interface FieldError {
	questionId: string;
	/** The id of the input the error summary links to. */
	fieldId: string;
	code: ErrorCode;
	params?: Record<string, string | number>;
	/** For address and date: which part is wrong, so that only that input is marked. */
	part?: string;
}

/** A file as the browser sent it, before it is stored. */
export interface FileMeta {
	name: string;
	size: number;
	type: string;
}

/** What one page's HTML form posted, by field name. */
export type RawInput = Record<string, string | string[] | FileMeta | undefined>;
