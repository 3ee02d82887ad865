/** @jest-environment node */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The frame contract, testdata/frames/contract.json: the frames, fields and labels the PerfScope datasource
// answers per query type. pkg/plugin checks the backend's frames against it (TestGoldenFrames/contract); this
// checks that every name the panels read back from those frames is in it, and that the recorded frames the
// panels' tests use (testdata/frames/*.perfscope.json) are what it says.

interface ContractField {
  name: string;
  type: string;
  labels?: string[];
}
interface ContractFrame {
  name: string;
  type?: string;
  visualisation?: string;
  fields: ContractField[];
}
interface Contract {
  queryTypes: Record<string, { frames: ContractFrame[]; noData: string; alert?: Record<string, unknown> }>;
}

const root = join(__dirname, '../..');
const contract: Contract = JSON.parse(readFileSync(join(root, 'testdata/frames/contract.json'), 'utf8'));
const frames = Object.values(contract.queryTypes).flatMap((q) => q.frames);
const tables = frames.filter((f) => f.visualisation === 'table');

/** The source files that read the datasource's frames: the panels' fromPerfScope.ts and whatever finds its tables. */
function readers(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return readers(path);
    }
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) {
      return [];
    }
    const source = readFileSync(path, 'utf8');
    return entry.name === 'fromPerfScope.ts' || /findTable\(\s*frames\s*,/.test(source) ? [path] : [];
  });
}

/** What a reader reads: the tables it finds (name and fields), the fields it reads of each, names it compares. */
interface Reads {
  tables: Array<{ name: string; fields: string[] }>;
  fieldReads: Array<{ table: string; field: string; as: 'string' | 'number' | 'boolean' }>;
  names: string[];
  labels: string[];
}

function reads(source: string): Reads {
  const constants = new Map<string, string | string[]>();
  const strings = (text: string): string[] => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  /** A string or a list of strings, written out or named by a constant of the file. */
  const literal = (text: string): string | string[] | undefined => {
    text = text.trim();
    if (text.startsWith("'")) {
      return strings(text)[0];
    }
    return text.startsWith('[') ? strings(text) : constants.get(text);
  };
  for (const [, id, value] of source.matchAll(/const (\w+) = ('[^']*'|\[[^\]]*\]);/g)) {
    constants.set(id, literal(value)!);
  }
  const out: Reads = { tables: [], fieldReads: [], names: [], labels: [] };
  const tableOf = new Map<string, string>();
  for (const [, variable, name, fields] of source.matchAll(
    /const (\w+) = findTable\(\s*\w+,\s*('[^']*'|\w+),\s*(\[[^\]]*\]|\w+)\s*\)/g
  )) {
    const table = { name: literal(name) as string, fields: literal(fields) as string[] };
    out.tables.push(table);
    tableOf.set(variable, table.name);
  }
  for (const [, variable, as, field] of source.matchAll(/(\w+)!?\.(string|number|boolean)\(\s*('[^']*'|\w+)\s*,/g)) {
    if (tableOf.has(variable)) {
      const name = literal(field);
      out.fieldReads.push({
        table: tableOf.get(variable)!,
        field: name as string,
        as: as as Reads['fieldReads'][0]['as'],
      });
    }
  }
  for (const [, name] of source.matchAll(/\.name === ('[^']*'|[A-Z_]+\b)/g)) {
    out.names.push(literal(name) as string);
  }
  for (const [, label] of source.matchAll(/labels\??\.(\w+)/g)) {
    out.labels.push(label);
  }
  return out;
}

const files = readers();
const all = files.map((path) => ({ path: relative(root, path), reads: reads(readFileSync(path, 'utf8')) }));

describe('the frame contract', () => {
  it('is read by the panels: every reader is found and reads something', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const { path, reads } of all) {
      expect({ path, tables: reads.tables.length }).not.toEqual({ path, tables: 0 });
    }
    expect(all.flatMap((f) => f.reads.fieldReads).length).toBeGreaterThan(20);
  });

  it.each(all)('has every table $path finds, with the fields it asks for', ({ reads }) => {
    for (const { name, fields } of reads.tables) {
      const table = tables.find((t) => t.name === name);
      expect({ table: name, found: table !== undefined }).toEqual({ table: name, found: true });
      const missing = fields.filter((field) => !table!.fields.some((f) => f.name === field));
      expect({ table: name, missing }).toEqual({ table: name, missing: [] });
    }
  });

  it.each(all)('has every field $path reads of those tables, of the type it reads', ({ reads }) => {
    const types = { string: ['string'], number: ['number', 'time'], boolean: ['boolean'] };
    for (const { table, field, as } of reads.fieldReads) {
      const type = tables.find((t) => t.name === table)?.fields.find((f) => f.name === field)?.type;
      expect({ table, field, type: types[as].includes(type ?? '') ? as : type }).toEqual({ table, field, type: as });
    }
  });

  it.each(all)('has every frame or field name $path compares, and every label it reads', ({ reads }) => {
    const names = new Set(frames.flatMap((f) => [f.name, ...f.fields.map((x) => x.name)]));
    const labels = new Set(frames.flatMap((f) => f.fields.flatMap((x) => x.labels ?? [])));
    expect(reads.names.filter((n) => !names.has(n))).toEqual([]);
    expect(reads.labels.filter((l) => !labels.has(l))).toEqual([]);
  });

  const recordings = readdirSync(join(root, 'testdata/frames')).filter((f) => f.endsWith('.perfscope.json'));

  it.each(recordings)('holds the frames of the recording %s the panels are tested with', (file) => {
    const recording = JSON.parse(readFileSync(join(root, 'testdata/frames', file), 'utf8'));
    const queryType = new Map<string, string>(
      recording.targets.map((t: { refId: string; queryType: string }) => [t.refId, t.queryType])
    );
    for (const [refId, result] of Object.entries<{ frames: Array<{ schema: any }> }>(recording.response.results)) {
      const expected = contract.queryTypes[queryType.get(refId)!];
      expect({ refId, queryType: expected !== undefined }).toEqual({ refId, queryType: true });
      for (const { schema } of result.frames) {
        const frame = expected.frames.find(
          (f) =>
            f.name === schema.name &&
            (f.type ?? '') === (schema.meta?.type ?? '') &&
            (f.visualisation ?? '') === (schema.meta?.preferredVisualisationType ?? '')
        );
        expect({ frame: schema.name, inContract: frame !== undefined }).toEqual({
          frame: schema.name,
          inContract: true,
        });
        for (const field of schema.fields) {
          const labels = Object.keys(field.labels ?? {}).sort();
          const known = frame!.fields.some(
            (f) => f.name === field.name && f.type === field.type && (f.labels ?? []).join() === labels.join()
          );
          expect({ frame: schema.name, field: field.name, type: field.type, labels, known }).toEqual({
            frame: schema.name,
            field: field.name,
            type: field.type,
            labels,
            known: true,
          });
        }
      }
    }
  });
});
