import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, FileUpload, Stack, TextArea, useStyles2 } from '@grafana/ui';

import type { Profile, ProfileProblem } from '../../scoring';
import { ProblemList } from './ProblemList';
import { download, EXPORT_NAME, profileJson, readFileText, readProfileJson } from './profileJson';
import type { Draft } from './useDraft';

type Imported =
  | { state: 'none' }
  | { state: 'done'; from: string; before: Profile }
  | { state: 'refused'; from: string; problems: ProfileProblem[] };

/**
 * The profile as a JSON file (the one the CLI takes), exported, or imported from a file or pasted text: an
 * import is validated first, and a broken one is refused with every problem, the draft untouched.
 */
export const ImportExportSection = React.memo(function ImportExportSection({
  currentDraft,
  valid,
  replace,
}: {
  /** The draft as it is now: what Export writes, and what "put back" restores after an import. */
  currentDraft: () => Profile;
  /** Whether the draft has no problems: a broken profile is not exported. */
  valid: boolean;
  replace: Draft['replace'];
}) {
  const styles = useStyles2(getStyles);
  const [pasted, setPasted] = useState('');
  const [imported, setImported] = useState<Imported>({ state: 'none' });
  const load = (text: string, from: string) => {
    const read = readProfileJson(text);
    if (read.profile) {
      const before = currentDraft();
      replace(read.profile);
      setImported({ state: 'done', from, before });
    } else {
      setImported({ state: 'refused', from, problems: read.problems });
    }
  };
  return (
    <section aria-labelledby="perfscope-import-export" className={styles.section}>
      <h3 id="perfscope-import-export">Import and export</h3>
      <p className={styles.help}>
        The profile as JSON: the file <code>perfscope check --profile</code> and <code>perfscope rules --profile</code>{' '}
        read. An import fills the fields above for review; nothing is saved until you press Save.
      </p>
      <Stack gap={1} wrap="wrap" alignItems="center">
        <Button
          icon="download-alt"
          variant="secondary"
          disabled={!valid}
          onClick={() => download(profileJson(currentDraft()), EXPORT_NAME)}
        >
          Export as JSON
        </Button>
        <FileUpload
          accept=".json,application/json"
          size="md"
          onFileUpload={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) {
              readFileText(file).then(
                (text) => load(text, `"${file.name}"`),
                (err: Error) =>
                  setImported({
                    state: 'refused',
                    from: `"${file.name}"`,
                    problems: [{ path: '', message: err.message }],
                  })
              );
            }
          }}
        >
          Import a JSON file
        </FileUpload>
      </Stack>
      {!valid && <p className={styles.help}>Export waits until the profile has no problems.</p>}
      <Field label="Or paste a profile" description="Its JSON, as Export writes it">
        <TextArea
          id="perfscope-import-text"
          rows={3}
          value={pasted}
          spellCheck={false}
          onChange={(e) => setPasted(e.currentTarget.value)}
        />
      </Field>
      <Button variant="secondary" disabled={pasted.trim() === ''} onClick={() => load(pasted, 'the pasted JSON')}>
        Import the pasted JSON
      </Button>
      <div aria-live="polite" className={styles.outcome}>
        {imported.state === 'refused' && (
          <Alert severity="error" title={`Nothing imported: ${imported.from} is not a valid profile`}>
            <ProblemList problems={imported.problems} />
          </Alert>
        )}
        {imported.state === 'done' && (
          <Alert severity="success" title={`Imported ${imported.from}: review it above, then Save`}>
            <Button
              size="sm"
              variant="secondary"
              icon="history"
              onClick={() => {
                replace(imported.before);
                setImported({ state: 'none' });
              }}
            >
              Put the previous profile back
            </Button>
          </Alert>
        )}
      </div>
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  help: css({ color: theme.colors.text.secondary }),
  outcome: css({ marginTop: theme.spacing(1) }),
});
