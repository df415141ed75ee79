import type { Question, QuestionType } from '../types';
import { address } from './address';
import { choice } from './choice';
import { cpr } from './cpr';
import { date } from './date';
import { email } from './email';
import { file } from './file';
import type { QuestionTypeModule } from './kit';
import { number } from './number';
import { phone } from './phone';
import { text } from './text';
import { textarea } from './textarea';
import { yesno } from './yesno';

/** Every question type, each in its module; the order is the JSON Schema's and the builder's. */
export const questionTypeModules: QuestionTypeModule[] = [text, textarea, number, date, choice, yesno, email, phone, cpr, address, file] as unknown as QuestionTypeModule[];

const byType = new Map<QuestionType, QuestionTypeModule>(questionTypeModules.flatMap((m) => m.types.map((t) => [t, m] as const)));

export function questionType(q: Pick<Question, 'type'>): QuestionTypeModule {
	const m = byType.get(q.type);
	if (!m) throw new Error(`unknown question type ${q.type}`);
	return m;
}

export const questionTypes: QuestionType[] = questionTypeModules.flatMap((m) => [...m.types]);
export { acceptTypes } from './file';
export { optionValues } from './choice';
export type { QuestionTypeModule, SettingsReader } from './kit';
