/**
 * CPR numbers: ddmmyy-ssss. The 7th digit and the year together give the century. The
 * modulus 11 check is not applied: since 2007 numbers without it are issued.
 */

export function normaliseCpr(input: string): string {
	return input.replace(/[\s-]/g, '');
}

export function cprBirthDate(cpr: string): string | null {
	if (!/^\d{10}$/.test(cpr)) return null;
	const day = Number(cpr.slice(0, 2));
	const month = Number(cpr.slice(2, 4));
	const yy = Number(cpr.slice(4, 6));
	const seventh = Number(cpr[6]);
	let century: number;
	if (seventh <= 3) century = 1900;
	else if (seventh === 4 || seventh === 9) century = yy <= 36 ? 2000 : 1900;
	else century = yy <= 57 ? 2000 : 1800;
	const year = century + yy;
	if (!isValidDate(year, month, day)) return null;
	return `${year}-${pad(month)}-${pad(day)}`;
}

export function isValidCpr(input: string): boolean {
	return cprBirthDate(normaliseCpr(input)) !== null;
}

/**
 * What is wrong with a typed CPR number, or null: ten digits (a space or hyphen after the
 * sixth allowed), a real birth date, and that date not after `today` (Copenhagen's, yyyy-mm-dd):
 * nobody has a CPR number before they are born.
 */
export function cprProblem(input: string, today: string): 'cpr_invalid' | 'cpr_future' | null {
	if (!/^\d{6}[\s-]?\d{4}$/.test(input.trim())) return 'cpr_invalid';
	const born = cprBirthDate(normaliseCpr(input));
	if (!born) return 'cpr_invalid';
	return born > today ? 'cpr_future' : null;
}

/** Only the birth date part is ever shown; the serial is personal enough to hide. */
export function maskCpr(cpr: string): string {
	const digits = normaliseCpr(cpr);
	return `${digits.slice(0, 6)}-xxxx`;
}

/** True when the number passes the old modulus 11 check (used to prove test data is fictitious). */
export function passesModulus11(cpr: string): boolean {
	const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
	const sum = [...cpr].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
	return sum % 11 === 0;
}

export function isValidDate(year: number, month: number, day: number): boolean {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function pad(n: number): string {
	return String(n).padStart(2, '0');
}
