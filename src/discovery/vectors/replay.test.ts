/** @jest-environment node */
// Replays every recording of testdata/discovery offline: discovery must make only recorded requests, every one
// of them, and produce the recorded Discovery exactly. pkg/discovery replays the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { discover } from '../discover';
import { metricNameCases } from './metricNames';
import { replayingApi, type Recording } from './recording';

const dir = join(__dirname, '../../../testdata/discovery');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Recording;

describe('discovery recordings (testdata/discovery)', () => {
  it('include the default fixture, with and without a profile found', () => {
    expect(files).toEqual(expect.arrayContaining(['default.json', 'default-wrong-service-label.json']));
    expect(load('default.json').expected.profile).not.toBeNull();
    expect(load('default-wrong-service-label.json').expected.profile).toBeNull();
  });

  it.each(files)('%s replays to the recorded discovery', async (file) => {
    const recording = load(file);
    const replay = replayingApi(recording.requests);
    const found = await discover(replay.api, { at: recording.at, ...recording.options });
    expect(replay.unexpected).toEqual([]);
    expect(replay.unused()).toEqual([]);
    expect(JSON.parse(JSON.stringify(found))).toEqual(recording.expected);
  });

  it('fail on a request that was not recorded, and on one left unasked', async () => {
    const recording = load('default.json');
    const short = replayingApi(recording.requests.slice(0, -1));
    await expect(discover(short.api, { at: recording.at, ...recording.options })).rejects.toThrow(
      'not a recorded request: GET /api/v1/query?query='
    );
    const extra = replayingApi([...recording.requests, recording.requests[0]]);
    await discover(extra.api, { at: recording.at, ...recording.options });
    expect(extra.unused()).toEqual([expect.stringContaining('/api/v1/label/__name__/values?start=')]);
  });

  it('hold the metric names src/scoring finds now (npm run record:discovery writes them)', () => {
    const written = JSON.parse(readFileSync(join(dir, 'promql', 'metric-names.json'), 'utf8')).cases;
    expect(written).toEqual(metricNameCases());
  });
});
