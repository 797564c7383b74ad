/**
 * Runs the compile-time conformance check (graph-types-conformance.ts, with the Graph fake typed by Microsoft's
 * types) through TypeScript, since Jest only transpiles; and shows the check can fail: the same program with a
 * field of bridge-core's Graph shapes renamed or retyped (in memory) reports it in the conformance file.
 */
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const addin = resolve(__dirname, '..', '..');
const configPath = join(addin, 'tsconfig.graph-types.json');
const conformance = join(addin, 'test', 'graph', 'graph-types-conformance.ts');
const graphSrc = resolve(addin, '..', 'bridge-core', 'src', 'graph');

function options(): { rootNames: string[]; options: ts.CompilerOptions } {
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  return { rootNames: parsed.fileNames, options: parsed.options };
}

let oldProgram: ts.Program | undefined;

/** The errors of the program, with `edits` applied to the named source files in memory ([file, from, to]). */
function errors(edits: [file: string, from: string, to: string][] = []): { file: string; text: string }[] {
  const { rootNames, options: opts } = options();
  const host = ts.createCompilerHost(opts);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    let text = readFile(fileName);
    for (const [file, from, to] of edits) {
      if (text !== undefined && resolve(fileName) === file) {
        if (!text.includes(from)) throw new Error(`${from} not found in ${file}`);
        text = text.replace(from, to);
      }
    }
    return text;
  };
  const program = ts.createProgram({ rootNames, options: opts, host, ...(oldProgram ? { oldProgram } : {}) });
  oldProgram = program;
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? resolve(d.file.fileName) : '',
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

const inConformance = (errs: { file: string; text: string }[]) =>
  errs.filter((e) => e.file === conformance).map((e) => e.text);

describe("bridge-core's Graph bodies against Microsoft's Graph types (compile time)", () => {
  it("type-checks: the event, todoTask and contact bodies fit Microsoft's types, and the Graph fake compiles with them", () => {
    expect(errors()).toEqual([]);
  });

  it("fails when an event field is written under a name Microsoft's Event does not have", () => {
    const errs = inConformance(
      errors([
        [join(graphSrc, 'graph-types.ts'), 'reminderMinutesBeforeStart: number;', 'reminderMinutesBefore: number;'],
      ]),
    );
    expect(errs.join('\n')).toContain('"reminderMinutesBefore"');
  });

  it('fails on a wrong name deep inside a body (location.displayName)', () => {
    const errs = inConformance(
      errors([[join(graphSrc, 'graph-types.ts'), 'location: { displayName: string };', 'location: { name: string };']]),
    );
    expect(errs.join('\n')).toContain('"location.name"');
  });

  it("fails when a todoTask field has a type Microsoft's TodoTask does not take", () => {
    const errs = inConformance(
      errors([[join(graphSrc, 'todo-mapping.ts'), 'importance: TodoImportance;', 'importance: string;']]),
    );
    expect(errs.join('\n')).toMatch(/does not satisfy the constraint 'TodoTask'/);
  });

  it('fails when a contact field is misspelt', () => {
    const errs = inConformance(
      errors([[join(graphSrc, 'contact-mapping.ts'), '  nickName: string;', '  nickname: string;']]),
    );
    expect(errs.join('\n')).toContain('"nickname"');
  });
});
