import type { ReactNode } from 'react';
import { TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { DataTable } from '../shell/components';

export interface FigureRow {
  key: string;
  /** The row's header: a member or a segment. */
  label: ReactNode;
  cells: readonly ReactNode[];
}

/** The tables of the power pages: a header per column, each row named by its first cell, figures aligned as numbers. */
export function FigureTable({
  caption,
  columns,
  rows,
  numeric = true,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly FigureRow[];
  numeric?: boolean;
}) {
  return (
    <DataTable caption={caption}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column} scope="col">
              {column}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key}>
            <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
            {row.cells.map((cell, i) => (
              <TableCell key={i} className={numeric ? 'vd-number' : undefined}>
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
