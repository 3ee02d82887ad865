import React from 'react';

import type { ProfileProblem } from '../../scoring';

/** Each problem in the library's words (its path first), with the parser's where it has some. */
export function ProblemList({ problems }: { problems: ProfileProblem[] }) {
  return (
    <ul>
      {problems.map((p) => (
        <li key={p.path + p.message}>
          {p.message}
          {p.detail && ` (${p.detail})`}
        </li>
      ))}
    </ul>
  );
}
