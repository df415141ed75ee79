/**
 * Prometheus figures of this process: requests and their latency by route. The database's
 * figures (outbox, jobs, pool) are read when /metrics is asked, in routes/metrics.
 */
const BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

interface Series {
	count: number;
	sum: number;
	buckets: number[];
}

const requests = new Map<string, Series>();

/** Method, route id and status class: a bounded set of series (no paths, no ids). */
export function observeRequest(method: string, route: string | null, status: number, ms: number): void {
	const key = JSON.stringify([method, route ?? '(none)', `${Math.floor(status / 100)}xx`]);
	let s = requests.get(key);
	if (!s) requests.set(key, (s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }));
	s.count += 1;
	s.sum += ms / 1000;
	BUCKETS.forEach((b, i) => {
		if (ms <= b) s.buckets[i] += 1;
	});
}

export type RequestSnapshot = [string, Series][];

export function requestSnapshot(): RequestSnapshot {
	return [...requests.entries()];
}

/**
 * Under `npm start` with INSTANCES > 1 the workers share one port, so a scrape reaches any one
 * of them: it asks the primary (scripts/start.mjs), which collects every worker's snapshot over
 * the cluster's IPC channel; the figures are then the machine's, summed here.
 */
let asked = 0;
const waiting = new Map<number, (all: RequestSnapshot[]) => void>();
let listening = false;

function listen() {
	if (listening || !process.send) return;
	listening = true;
	process.on('message', (m: { indgang?: string; id?: number; all?: RequestSnapshot[] }) => {
		if (m?.indgang === 'metrics-collect') process.send!({ indgang: 'metrics-snapshot', id: m.id, data: requestSnapshot() });
		if (m?.indgang === 'metrics-response' && m.id !== undefined) waiting.get(m.id)?.(m.all ?? []);
	});
}

export async function machineSnapshots(): Promise<RequestSnapshot[]> {
	if (!process.send || !process.env.INDGANG_CLUSTER) return [requestSnapshot()];
	listen();
	const id = ++asked;
	return new Promise((resolve) => {
		const timer = setTimeout(() => {
			waiting.delete(id);
			resolve([requestSnapshot()]);
		}, 2_000);
		waiting.set(id, (all) => {
			clearTimeout(timer);
			waiting.delete(id);
			resolve(all);
		});
		process.send!({ indgang: 'metrics-request', id });
	});
}

// Answer the primary's collection from the start, not only after this worker's first scrape.
if (process.env.INDGANG_CLUSTER) listen();

export function mergeSnapshots(all: RequestSnapshot[]): Map<string, Series> {
	const merged = new Map<string, Series>();
	for (const snapshot of all)
		for (const [key, s] of snapshot) {
			const m = merged.get(key) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
			m.count += s.count;
			m.sum += s.sum;
			s.buckets.forEach((b, i) => (m.buckets[i] += b));
			merged.set(key, m);
		}
	return merged;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Prometheus' text format (version 0.0.4). */
export function prometheusText(series: Map<string, Series>, gauges: { name: string; help: string; values: { labels?: Record<string, string>; value: number }[] }[]): string {
	const out: string[] = [];
	out.push('# HELP indgang_http_requests_total Requests answered, by method, route and status class.', '# TYPE indgang_http_requests_total counter');
	for (const [key, s] of series) {
		const [method, route, status] = JSON.parse(key) as string[];
		out.push(`indgang_http_requests_total{method="${label(method)}",route="${label(route)}",status="${status}"} ${s.count}`);
	}
	out.push('# HELP indgang_http_request_duration_seconds Time to answer, by method and route.', '# TYPE indgang_http_request_duration_seconds histogram');
	for (const [key, s] of series) {
		const [method, route, status] = JSON.parse(key) as string[];
		const l = `method="${label(method)}",route="${label(route)}",status="${status}"`;
		BUCKETS.forEach((b, i) => out.push(`indgang_http_request_duration_seconds_bucket{${l},le="${b / 1000}"} ${s.buckets[i]}`));
		out.push(`indgang_http_request_duration_seconds_bucket{${l},le="+Inf"} ${s.count}`);
		out.push(`indgang_http_request_duration_seconds_sum{${l}} ${s.sum}`);
		out.push(`indgang_http_request_duration_seconds_count{${l}} ${s.count}`);
	}
	for (const g of gauges) {
		out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
		for (const v of g.values) {
			const labels = v.labels ? `{${Object.entries(v.labels).map(([k, x]) => `${k}="${label(x)}"`).join(',')}}` : '';
			out.push(`${g.name}${labels} ${v.value}`);
		}
	}
	return out.join('\n') + '\n';
}
