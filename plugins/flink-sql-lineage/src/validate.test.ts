import { validateFlinkSql } from './validate';

describe('validateFlinkSql', () => {
  it('tells what valid SQL reads and writes, with the placeholder kept in its backticks', () => {
    expect(
      validateFlinkSql(
        'CREATE TABLE `${product}.products_with_pk` (PRIMARY KEY (productid) NOT ENFORCED)\nAS SELECT productid, brand FROM `${product}.public.products`;',
      ),
    ).toEqual({
      problems: [],
      kind: 'CREATE_TABLE_AS',
      sources: ['`${product}.public.products`'],
      sinks: ['`${product}.products_with_pk`'],
    });
  });

  it('locates a syntax error at its line and column', () => {
    const result = validateFlinkSql(
      'SELECT customerid,\n  customername\nFROM `shop.customers` WHERE WHERE 1 = 1',
    );
    expect(result.problems).toEqual([
      { line: 3, column: 29, message: expect.stringContaining("'WHERE'") },
    ]);
    expect(result.kind).toBeUndefined();
  });

  it('reports a problem the parser cannot locate at the start', () => {
    expect(validateFlinkSql('  ').problems).toEqual([
      {
        line: 1,
        column: 1,
        message: 'Invalid Flink SQL: the statement is empty',
      },
    ]);
  });
});
