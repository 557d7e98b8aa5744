import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvFileError,
  type DepartmentNode,
  departmentPathOf,
  departmentPaths,
  parseCsv,
  parseMemberCsv,
  resolveDepartmentPath,
  toCsv,
} from './members.csv.js';

const parse = (text: string, hasDefaultPassword = false) => parseMemberCsv(text, { hasDefaultPassword });

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a BOM', () => {
    const records = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,,end');
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { row: 3, cells: ['last', '', 'end'] },
    ]);
  });

  it('counts blank rows (so numbers match a spreadsheet) without returning them; a final line break adds nothing', () => {
    expect(parseCsv('h\n\nx\n \ny\n').map((r) => r.row)).toEqual([1, 3, 5]);
    expect(parseCsv('h\rx\ry').map((r) => r.cells[0])).toEqual(['h', 'x', 'y']);
  });

  it('uses the delimiter the header uses most: semicolons and tabs too', () => {
    expect(parseCsv('a;b\n1;"2;3"')[1].cells).toEqual(['1', '2;3']);
    expect(parseCsv('a\tb\n1\t2')[1].cells).toEqual(['1', '2']);
  });

  it('trims unquoted fields, keeps quoted ones as they are, allows spaces around quotes', () => {
    expect(parseCsv('a,b\n  x  , " y " ')[1].cells).toEqual(['x', ' y ']);
  });

  it('refuses an unclosed quote and text after a closing quote, with the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvFileError);
    expect(() => parseCsv('a\n"open')).toThrow(/Line 2/);
    expect(() => parseCsv('a,b\n"x"y,z')).toThrow(/closing quote/);
  });

  it('round-trips anything toCsv writes (property)', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => s.trim() === s && !/^'?[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const nonBlank = rows.filter((r) => r.some((c) => c !== ''));
        const parsed = parseCsv(toCsv([['h1', 'h2'], ...rows]));
        expect(parsed.slice(1).map((r) => r.cells)).toEqual(nonBlank);
      }),
      { numRuns: 200 },
    );
  });
});

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs it', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['x"y', null],
      ]),
    ).toBe('\uFEFFa,"b,c"\r\n"x""y",\r\n');
  });

  it('guards cells a spreadsheet would run as formulas, but leaves phone numbers alone', () => {
    const out = toCsv([['=HYPERLINK("x")', '@SUM(A1)', '+86 138 0013 8000', '-1', '+cmd|x']]);
    expect(out).toBe('\uFEFF"\'=HYPERLINK(""x"")",\'@SUM(A1),+86 138 0013 8000,-1,\'+cmd|x\r\n');
  });
});

describe('parseMemberCsv', () => {
  it('maps English and Chinese headers in any order and reads every field', () => {
    const csv = [
      '部门,姓名,账号,手机,邮箱,职务,角色,实名,客户联系,密码',
      'Shanghai/Xuhui,周欣,zhouxin,138 0013 8000,ZX@Example.com,导购,成员,是,否,secret-pass-1',
      ',Li Na,lina,,,,"admin",yes,1,',
    ].join('\n');
    const { rows, errors } = parse(csv, true);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        account: 'zhouxin',
        name: '周欣',
        password: 'secret-pass-1',
        phone: '13800138000',
        email: 'zx@example.com',
        title: '导购',
        departments: [['Shanghai', 'Xuhui']],
        role: 'member',
        realNameVerified: true,
        customerContact: false,
      },
      {
        row: 3,
        account: 'lina',
        name: 'Li Na',
        password: null,
        phone: null,
        email: null,
        title: null,
        departments: [[]],
        role: 'admin',
        realNameVerified: true,
        customerContact: true,
      },
    ]);
  });

  it('accepts header variants: case, spaces, underscores, a trailing * and a bracketed note', () => {
    const { rows } = parse('Account*, NAME ,Real_Name_Verified,手机(选填)\nab,X,no,\n', true);
    expect(rows[0]).toMatchObject({ account: 'ab', name: 'X', realNameVerified: false });
  });

  it('reports every bad field of every bad row, by row number', () => {
    const csv = [
      'account,name,password,phone,email,role,realNameVerified,title',
      'ok1,Good,long-enough-1,,,,,',
      ',NoAccount,long-enough-1,,,,,',
      'bad account!,X,short,12,not-an-email,boss,maybe,',
      `ok2,${'n'.repeat(65)},long-enough-1,,,,,${'t'.repeat(65)}`,
    ].join('\r\n');
    const { rows, errors, total } = parse(csv);
    expect(total).toBe(4);
    expect(rows.map((r) => r.account)).toEqual(['ok1']);
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'account', 'VALIDATION_FAILED'],
      [4, 'account', 'VALIDATION_FAILED'],
      [4, 'password', 'VALIDATION_FAILED'],
      [4, 'phone', 'VALIDATION_FAILED'],
      [4, 'email', 'VALIDATION_FAILED'],
      [4, 'role', 'VALIDATION_FAILED'],
      [4, 'realNameVerified', 'VALIDATION_FAILED'],
      [5, 'name', 'VALIDATION_FAILED'],
      [5, 'title', 'VALIDATION_FAILED'],
    ]);
    expect(errors[0].message).toMatch(/required/);
  });

  it('reports a repeated account, phone or email on the later row, naming the first; accounts and phones share one space', () => {
    const csv = [
      'account,name,phone,email',
      'a1,A,13800000001,a@x.com',
      'a1,B,13800000002,b@x.com',
      'a3,C,138-0000-0001,c@x.com',
      'a4,D,,A@X.COM',
      '13800000002,E,,',
      'a6,F,13800000006,',
      '13800000006,G,,',
    ].join('\n');
    const { rows, errors } = parse(csv, true);
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'account', 'MEMBER_ACCOUNT_TAKEN'],
      [4, 'phone', 'MEMBER_PHONE_TAKEN'],
      [5, 'email', 'MEMBER_EMAIL_TAKEN'],
      [6, 'account', 'MEMBER_ACCOUNT_TAKEN'],
      [8, 'account', 'MEMBER_ACCOUNT_TAKEN'],
    ]);
    expect(errors[0].message).toContain('row 2');
    expect(rows.map((r) => r.row)).toEqual([2, 7]);
  });

  it('lets a member use their own phone number as account', () => {
    expect(parse('account,name,phone\n13800000009,A,13800000009', true).errors).toEqual([]);
  });

  it('undoes the export guard on formula-like cells', () => {
    expect(parse("account,name,phone\nab,'=x,'+8613800000000", true).rows[0]).toMatchObject({ name: '=x', phone: '+8613800000000' });
  });

  it('refuses unusable files as a whole', () => {
    const fileError = (csv: string, hasDefault = true) => {
      try {
        parse(csv, hasDefault);
      } catch (error) {
        expect(error).toBeInstanceOf(CsvFileError);
        return (error as Error).message;
      }
      throw new Error('expected a CsvFileError');
    };
    expect(fileError('')).toMatch(/empty/);
    expect(fileError('account,name')).toMatch(/no members/);
    expect(fileError('account,nmae\na,b')).toMatch(/Unknown column "nmae"/);
    expect(fileError('account,name,账号\na,b,c')).toMatch(/twice/);
    expect(fileError('name,phone\na,1')).toMatch(/"account"/);
    expect(fileError('account,name\nab,c', false)).toMatch(/password/);
    expect(fileError(`account,name\n${'ab,c\n'.repeat(2001)}`)).toMatch(/at most 2000/);
  });

  it('reports a row with more fields than the header', () => {
    const { errors } = parse('account,name\nab,c,extra', true);
    expect(errors).toEqual([{ row: 2, code: 'VALIDATION_FAILED', message: expect.stringContaining('3 fields') }]);
  });

  it('refuses control characters in a cell', () => {
    expect(parse('account,name\nab,a\u0000b', true).errors[0]).toMatchObject({ row: 2, field: 'name' });
  });
});

describe('department paths', () => {
  const tree: DepartmentNode[] = [
    { id: 'root', parentId: null, name: 'Maple' },
    { id: 'sh', parentId: 'root', name: 'Shanghai' },
    { id: 'xh', parentId: 'sh', name: 'Xuhui Store' },
    { id: 'hz', parentId: 'root', name: 'Hangzhou' },
  ];

  it('splits several departments and their segments', () => {
    expect(departmentPaths('Shanghai / Xuhui Store；Hangzhou')).toEqual([['Shanghai', 'Xuhui Store'], ['Hangzhou']]);
    expect(departmentPaths('')).toEqual([[]]);
    expect(departmentPaths('/')).toEqual([[]]);
    expect(departmentPaths('Hangzhou;')).toEqual([['Hangzhou']]);
  });

  it('resolves by names under the root, optionally starting with the root name; never guesses', () => {
    expect(resolveDepartmentPath(tree, ['Shanghai', 'Xuhui Store'])).toBe('xh');
    expect(resolveDepartmentPath(tree, ['Maple', 'Shanghai'])).toBe('sh');
    expect(resolveDepartmentPath(tree, [])).toBe('root');
    expect(resolveDepartmentPath(tree, ['Xuhui Store'])).toBeUndefined();
    expect(resolveDepartmentPath(tree, ['shanghai'])).toBeUndefined();
  });

  it('writes the path the import reads', () => {
    const byId = new Map(tree.map((d) => [d.id, d]));
    expect(departmentPathOf(byId, 'xh')).toBe('Shanghai/Xuhui Store');
    expect(departmentPathOf(byId, 'root')).toBe('/');
    for (const d of tree) expect(resolveDepartmentPath(tree, departmentPaths(departmentPathOf(byId, d.id))[0])).toBe(d.id);
  });
});
