import { describe, expect, it } from 'vitest';
import { staffFromClaims } from './staff-claims';

const settings = {
	issuer: 'https://login.example',
	roleClaim: 'roles',
	unitClaim: 'department',
	usernameClaim: 'preferred_username',
	roles: { 'Indgang.Medarbejder': 'staff', 'Indgang.Admin': 'admin', 'Indgang.Leder': 'manager', Bogus: 'superuser' }
};

describe('staff claims from an identity provider', () => {
	it('map the provider\'s role values to the portal\'s, taking the one that may do most', () => {
		const claims = { sub: 'u-1', preferred_username: 'Mette.M@kommune.dk', name: 'Mette M', department: 'Borgerservice', roles: ['Indgang.Medarbejder', 'Indgang.Leder'] };
		expect(staffFromClaims(claims, settings)).toEqual({
			ok: true,
			subject: 'https://login.example|u-1',
			username: 'mette.m',
			displayName: 'Mette M',
			unit: 'Borgerservice',
			role: 'manager',
			email: null
		});
		expect(staffFromClaims({ ...claims, roles: 'Indgang.Admin' }, settings)).toMatchObject({ ok: true, role: 'admin' });
	});

	it('refuse a user without a mapped role: an unmapped, forged or foreign value gives none', () => {
		const base = { sub: 'u-2', department: 'Borgerservice' };
		for (const roles of [undefined, [], ['admin'], ['Indgang.Superadmin'], ['Bogus'], [42], 'Indgang.admin'])
			expect(staffFromClaims({ ...base, roles }, settings), JSON.stringify(roles)).toEqual({ ok: false, reason: 'no_role' });
		expect(staffFromClaims({ roles: ['Indgang.Admin'], department: 'X' }, settings)).toEqual({ ok: false, reason: 'no_subject' });
		expect(staffFromClaims({ sub: 'u-3', roles: ['Indgang.Admin'] }, settings)).toEqual({ ok: false, reason: 'no_unit' });
	});
});
