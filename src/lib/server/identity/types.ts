/** NSIS levels of assurance, as MitID and its brokers report them. */
export type LevelOfAssurance = 'low' | 'substantial' | 'high';

/** What an identity provider tells us about a citizen who signed in. */
export interface CitizenIdentity {
	/** 10 digits, no dash. Never put it in a URL, a log line or a contact event. */
	cpr: string;
	name: string | null;
	loa: LevelOfAssurance;
	/** Which provider vouched for the citizen: 'test' or 'oidc'. */
	provider: 'test' | 'oidc';
}
