import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { fakeApiPerTest } from '../support/fake-api.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';
import { newSecret, signDelivery } from '../support/webhook-sender.js';

const SPEC = join(ROOT, 'test/fixtures/dates/dates.yaml');
const on = buildPackage({ spec: SPEC, out: 'unused', name: 'calendar', packageName: 'calendar-sdk', dates: true });
const off = buildPackage({ spec: SPEC, out: 'unused', name: 'calendar', packageName: 'calendar-sdk' });
const serve = fakeApiPerTest();

/** The package written to a folder of its own, kept for the current test. */
function packageDir(pkg: typeof on): string {
  const tree: Record<string, string> = {};
  for (const [path, text] of pkg.files) tree[join('out', path)] = text;
  return tempTree(tree);
}

/** Code a user writes: Date where the spec says date-time and a reviver can find it, string where it cannot. */
const CONSUMER = `
import Calendar, { isEventsGetEventError, webhooksUnwrap, type Event, type Pet, type Sighting, type Stamp } from './out/src/index.js';
export async function use(calendar: Calendar) {
  const event = await calendar.events.getEvent('e1');
  const starts: Date = event.starts_at;
  const ends: Date | null = event.ends_at;
  const reminders: Date[] | undefined = event.reminders;
  const regions: Record<string, Date> | undefined = event.by_region;
  const changed: Date | undefined = event.audit?.changed?.at;
  const added: Date | undefined = event.tags?.[0]?.added_at;
  // @ts-expect-error a date-time is not a string any more
  const text: string = event.starts_at;
  await calendar.events.createEvent({ id: 'e2', starts_at: new Date(), ends_at: null });
  // @ts-expect-error a request takes the Date, as the shared model says
  await calendar.events.createEvent({ id: 'e2', starts_at: '2024-01-01T00:00:00Z', ends_at: null });
  for await (const item of calendar.events.listEvents({ since: new Date(), x_as_of: new Date() })) item.starts_at.getTime();
  for await (const change of calendar.events.watchEvent('e1')) change.starts_at.getTime();
  const pet: Pet = await calendar.pets.getPet('p');
  if (pet.kind === 'cat') pet.born_at.getTime(); else pet.vaccinated_at.getTime();
  const sightings: Sighting[] = await calendar.pets.listSightings();
  for (const s of sightings) if ('found_at' in s) s.found_at.toUpperCase(); else s.taken_at.toUpperCase();
  const stamp: Stamp = 'now';
  const zones: Record<string, Date> = (await calendar.clock.now()).zones;
  try {
    await calendar.events.getEvent('missing');
  } catch (err) {
    if (isEventsGetEventError(err) && err.status === 404) err.error.occurred_at.getTime();
  }
  const hook = await webhooksUnwrap('{}', new Headers(), 'whsec_x');
  if (hook.type === 'clock.tick') hook.at.getTime(); else hook.sent_at.getTime();
  return [starts, ends, reminders, regions, changed, added, text, stamp, zones];
}
`;

describe('the dates option', () => {
  it('warns with its position at each union a reviver cannot decide, and at nothing else', () => {
    expect(on.warnings.map((w) => `${w.location?.line}:${w.location?.column} ${w.message}`)).toEqual([
      '213:7 a date-time in this union cannot be told apart from its other members at run time; its date-times are typed as string (and so are those of Footprint, Photo, which it reaches)',
      '229:7 a date-time in this union cannot be told apart from its other members at run time; its date-times are typed as string',
    ]);
    expect(off.warnings).toEqual([]);
  });

  it('types date-times as Date in both directions, keeps string where undecidable, and compiles under strict with its README examples', () => {
    const dir = packageDir(on);
    const readme = on.files.get('README.md')!;
    expect(readme).toContain('## Dates');
    const roots: Record<string, string> = { [join(dir, 'consumer.ts')]: CONSUMER };
    [...readme.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].forEach((m, i) => {
      roots[join(dir, `example_${i}.mts`)] = `${/^import /m.test(m[1]!) ? m[1] : `import type Calendar from 'calendar-sdk';\ndeclare const calendar: Calendar;\n${m[1]}`}\nexport {};\n`;
    });
    expect(Object.keys(roots).length).toBeGreaterThan(8);
    expect(typeCheckFiles(roots, { ...STRICT_OPTIONS, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], paths: { 'calendar-sdk': [join(dir, 'out/src/index.ts')] } })).toEqual([]);
  });

  it('is off by default: strings, no dates module, no README section', () => {
    expect(off.files.has('src/dates.ts')).toBe(false);
    expect(off.files.get('src/models.ts')).toContain('starts_at: string;');
    expect(off.files.get('src/models.ts')).not.toContain('Date');
    expect(off.files.get('README.md')).not.toContain('## Dates');
    expect([...off.files.values()].some((text) => text.includes('revive: $'))).toBe(false);
  });

  it('a one-call bundle carries the revivers of its call only, and none for a call without dates', async () => {
    const bundle = async (pkg: typeof on, fn: string, args: string) => {
      const dir = packageDir(pkg);
      const result = await build({
        stdin: { contents: `import { CalendarCore, ${fn} } from ${JSON.stringify(join(dir, 'out/src/index.ts'))};\nexport const run = () => ${fn}(new CalendarCore(), ${args});\n`, resolveDir: dir, loader: 'ts' },
        bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
      });
      return result.outputFiles[0]!.text;
    };
    const reviver = '(\\d{4})-(\\d\\d)-(\\d\\d)';
    expect(await bundle(on, 'eventsGetEvent', "'e1'")).toContain(reviver);
    expect(await bundle(on, 'clockPing', '')).not.toContain(reviver);
    expect(await bundle(off, 'eventsGetEvent', "'e1'")).not.toContain(reviver);
  });
});

const INSTANT = '2024-03-10T12:34:56.789Z';
const LATER = '2024-03-11T01:00:00+02:00';

function eventJson(id: string) {
  return {
    id, starts_at: INSTANT, ends_at: null, label: INSTANT,
    reminders: [INSTANT, LATER], by_region: { eu: LATER }, audit: { changed: { at: INSTANT } }, tags: [{ name: 't', added_at: LATER }],
  };
}

/** The generated package imported from its TypeScript sources; its types are proven by the compile test above. */
const loaded = new Map<object, Promise<Record<string, any>>>();
async function load(pkg: typeof on): Promise<Record<string, any>> {
  if (!loaded.has(pkg)) loaded.set(pkg, import(join(packageDir(pkg), 'out/src/index.ts')) as Promise<Record<string, any>>);
  return loaded.get(pkg)!;
}

async function client(pkg: typeof on, url: string, extra: object = {}): Promise<any> {
  const mod = await load(pkg);
  return new mod['default']({ baseURL: url, maxRetries: 0, ...extra });
}

function expectInstant(value: unknown, iso: string): void {
  expect(value).toBeInstanceOf(Date);
  expect((value as Date).getTime()).toBe(Date.parse(iso));
}

describe('a client generated with dates, against a server', () => {
  it('a success body: Dates at the top, nested, in arrays and maps; null stays null; other strings stay strings', async () => {
    const api = await serve(() => ({ json: { ...eventJson('e1'), ends_at: LATER } }));
    const event = await (await client(on, api.url)).events.getEvent('e1');
    expectInstant(event.starts_at, INSTANT);
    expectInstant(event.ends_at, LATER);
    expectInstant(event.reminders[0], INSTANT);
    expectInstant(event.reminders[1], LATER);
    expectInstant(event.by_region.eu, LATER);
    expectInstant(event.audit.changed.at, INSTANT);
    expectInstant(event.tags[0].added_at, LATER);
    expect(event.label).toBe(INSTANT);
    expect(event.id).toBe('e1');
    const nulls = await serve(() => ({ json: eventJson('e2') }));
    expect((await (await client(on, nulls.url)).events.getEvent('e2')).ends_at).toBeNull();
  });

  it('a bare map of date-times and a tagged union', async () => {
    const api = await serve((r) => ({ json: r.path === '/clock' ? { now: INSTANT, zones: { utc: INSTANT, cet: LATER } } : r.path.endsWith('/c') ? { kind: 'cat', born_at: INSTANT } : { kind: 'dog', vaccinated_at: LATER } }));
    const calendar = await client(on, api.url);
    const clock = await calendar.clock.now();
    expectInstant(clock.now, INSTANT);
    expectInstant(clock.zones.cet, LATER);
    expectInstant((await calendar.pets.getPet('c')).born_at, INSTANT);
    expectInstant((await calendar.pets.getPet('d')).vaccinated_at, LATER);
  });

  it('an untagged union the generator kept as string stays string at run time', async () => {
    const api = await serve(() => ({ json: [{ found_at: INSTANT }, { taken_at: LATER }] }));
    expect(await (await client(on, api.url)).pets.listSightings()).toEqual([{ found_at: INSTANT }, { taken_at: LATER }]);
  });

  it('a declared error body through the guard; an undeclared date stays as sent', async () => {
    const api = await serve((r) => (r.path.endsWith('/gone') ? { status: 404, json: { message: 'gone', occurred_at: INSTANT } } : { status: 409, json: { message: INSTANT } }));
    const mod = await load(on);
    const calendar = await client(on, api.url);
    const gone = await calendar.events.getEvent('gone').catch((e: unknown) => e);
    expect(mod['isEventsGetEventError'](gone)).toBe(true);
    expectInstant(gone.error.occurred_at, INSTANT);
    expect(gone.status).toBe(404);
    const conflict = await calendar.events.getEvent('busy').catch((e: unknown) => e);
    expect(conflict.error).toEqual({ message: INSTANT });
  });

  it('stream events', async () => {
    const events = [eventJson('e1'), { ...eventJson('e2'), starts_at: LATER }];
    const api = await serve(() => ({ headers: { 'content-type': 'text/event-stream' }, text: `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n` }));
    const seen: any[] = [];
    for await (const e of (await client(on, api.url)).events.watchEvent('e1')) seen.push(e);
    expect(seen).toHaveLength(2);
    expectInstant(seen[0].starts_at, INSTANT);
    expectInstant(seen[1].starts_at, LATER);
    expectInstant(seen[1].tags[0].added_at, LATER);
  });

  it('pages of a paginated list, and Dates sent as ISO instants in the query, a header and a JSON body', async () => {
    const api = await serve((r) => {
      if (r.method === 'POST') return { status: 201, json: JSON.parse(r.body) as unknown };
      return r.query.get('page') === '2'
        ? { json: { objects: [{ ...eventJson('e3'), starts_at: LATER }], next: null } }
        : { json: { objects: [eventJson('e1'), eventJson('e2')], next: '/events?page=2' } };
    });
    const calendar = await client(on, api.url);
    const since = new Date(LATER);
    const items: any[] = [];
    for await (const item of calendar.events.listEvents({ since, x_as_of: since })) items.push(item);
    expect(items.map((i) => i.id)).toEqual(['e1', 'e2', 'e3']);
    expectInstant(items[0].starts_at, INSTANT);
    expectInstant(items[2].starts_at, LATER);
    expect(api.received[0]!.query.get('since')).toBe('2024-03-10T23:00:00.000Z');
    expect(api.received[0]!.headers['x-as-of']).toBe('2024-03-10T23:00:00.000Z');
    const created = await calendar.events.createEvent({ id: 'e9', starts_at: new Date(INSTANT), ends_at: null, reminders: [since] });
    expect(JSON.parse(api.received.at(-1)!.body)).toEqual({ id: 'e9', starts_at: INSTANT, ends_at: null, reminders: ['2024-03-10T23:00:00.000Z'] });
    expectInstant(created.reminders[0], LATER);
  });

  it('a webhook payload, unwrapped after its signature is checked', async () => {
    const { key, secret } = newSecret();
    const body = JSON.stringify({ type: 'event.created', sent_at: LATER, event: eventJson('e1') });
    const mod = await load(on);
    const event = await mod['webhooksUnwrap'](body, signDelivery(body, key), secret);
    expectInstant(event.sent_at, LATER);
    expectInstant(event.event.starts_at, INSTANT);
    const tick = JSON.stringify({ type: 'clock.tick', at: INSTANT });
    expectInstant((await mod['webhooksUnwrap'](tick, signDelivery(tick, key), secret)).at, INSTANT);
  });

  it('a string that is no RFC 3339 date-time becomes an Invalid Date, and validation, which sees the body as sent, names it', async () => {
    const api = await serve(() => ({ json: { ...eventJson('e1'), starts_at: 'March 10, 2024' } }));
    const mod = await load(on);
    const warnings: unknown[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (_m: string, data: unknown) => void warnings.push(data) };
    const calendar = await client(on, api.url, { validate: 'warn', validators: mod['calendarValidators'], logger, logLevel: 'warn' });
    const event = await calendar.events.getEvent('e1');
    expect(event.starts_at).toBeInstanceOf(Date);
    expect(Number.isNaN(event.starts_at.getTime())).toBe(true);
    expect(warnings).toEqual([expect.objectContaining({ pointer: '/starts_at', received: 'string "March 10, 2024"' })]);
    await expect(calendar.events.getEvent('e1', { validate: 'strict' })).rejects.toMatchObject({ name: 'ResponseValidationError', pointer: '/starts_at' });
  });

  it('reads every date-time form validation takes to its exact instant, and makes any other string an Invalid Date', async () => {
    const zones = {
      lower: '2024-01-01t00:00:00.123456z', compact: '2024-02-29T12:00:00+0530', hours: '2024-02-29T12:00:00-05', space: '2024-01-01 10:00:00+01:00',
      leapSecond: '2016-12-31T23:59:60Z', feb30: '2024-02-30T00:00:00Z', notLeapYear: '2023-02-29T00:00:00Z', month13: '2024-13-01T00:00:00Z', words: 'yesterday', local: '2024-01-01T00:00:00',
    };
    const api = await serve(() => ({ json: { now: INSTANT, zones } }));
    const clock = await (await client(on, api.url)).clock.now();
    const times = Object.fromEntries(Object.entries(clock.zones as Record<string, Date>).map(([k, v]) => [k, v instanceof Date ? v.getTime() : v]));
    expect(times).toEqual({
      lower: Date.UTC(2024, 0, 1, 0, 0, 0, 123), compact: Date.UTC(2024, 1, 29, 6, 30), hours: Date.UTC(2024, 1, 29, 17), space: Date.UTC(2024, 0, 1, 9),
      leapSecond: Date.UTC(2017, 0, 1), feb30: Number.NaN, notLeapYear: Number.NaN, month13: Number.NaN, words: Number.NaN, local: Number.NaN,
    });
  });

  it('validation names a day no month has, which the reviver makes an Invalid Date', async () => {
    const api = await serve(() => ({ json: { ...eventJson('e1'), starts_at: '2024-02-30T00:00:00Z' } }));
    const mod = await load(on);
    const calendar = await client(on, api.url, { validate: 'strict', validators: mod['calendarValidators'] });
    await expect(calendar.events.getEvent('e1')).rejects.toMatchObject({ name: 'ResponseValidationError', pointer: '/starts_at', expected: 'a date-time string' });
    expect(Number.isNaN((await calendar.events.getEvent('e1', { validate: 'off' })).starts_at.getTime())).toBe(true);
  });

  it('without dates, the same responses keep their strings', async () => {
    const api = await serve(() => ({ json: eventJson('e1') }));
    const event = await (await client(off, api.url)).events.getEvent('e1');
    expect(event).toEqual(eventJson('e1'));
  });
});
