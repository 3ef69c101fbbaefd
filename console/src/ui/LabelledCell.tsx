import { TableCell } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * A cell of a list table (`className="list-table"`) that carries its column's name: hidden on
 * wide screens, where the header says it, and shown above the value on phones, where each row
 * is a card (console.css). Hidden from screen readers, which announce the header anyway.
 */
export function LabelledCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <TableCell>
      <span className="cell-label" aria-hidden="true">
        {label}
      </span>
      {children}
    </TableCell>
  );
}
