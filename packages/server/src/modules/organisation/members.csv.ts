/**
 * Member CSV import and export: parsing and row validation, pure (no I/O), so every rule is
 * unit-tested without a database. The service adds what needs one (existing members, hashing,
 * the transaction). The rules are written down in docs/decisions/0002-member-csv-import.md.
 */
import { Account, type ErrorCode, type ImportRowErrorDto, LIMITS, Password, Phone } from '@rapport/shared';
import { normalizePhone } from '../consumers/index.js';

/** The file as a whole cannot be read (CSV_INVALID); `row` is where reading stopped, if known. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly row?: number,
  ) {
    super(message);
  }
}

/** One record of the file; `row` is its 1-based position, the header being row 1 (the row number a spreadsheet shows). */
export interface CsvRecord {
  row: number;
  cells: string[];
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Parses CSV (RFC 4180): quoted fields with doubled quotes, delimiters and line breaks inside
 * quotes, CRLF / LF / CR line ends, a UTF-8 BOM. The delimiter is the one of `,` `;` tab that the
 * header line uses most (spreadsheets in some locales save with `;`). Blank records are counted
 * (so row numbers match the spreadsheet) but not returned.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (its content is taken as is)
  let row = 1;
  let line = 1;

  const endField = () => {
    cells.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (cells.some((c) => c !== '')) records.push({ row, cells });
    cells = [];
    row++;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
          continue;
        }
        quoted = false;
        // only spaces may follow a closing quote before the delimiter or the line end
        let j = i + 1;
        while (text[j] === ' ') j++;
        const next = text[j];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          throw new CsvFileError(`Line ${line}: unexpected text after a closing quote`, row);
        }
        i = j - 1;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      continue;
    }
    if (c === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      field = '';
      continue;
    }
    if (c === delimiter) {
      endField();
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      continue;
    }
    field += c;
  }
  if (quoted) throw new CsvFileError(`Line ${line}: a quoted field is not closed`, row);
  if (field !== '' || wasQuoted || cells.length) endRecord();
  return records;
}

function detectDelimiter(text: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === '\n' || c === '\r')) break;
      else if (!quoted && c === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

// ---------- columns ----------

export type MemberColumn =
  | 'account'
  | 'name'
  | 'password'
  | 'phone'
  | 'email'
  | 'title'
  | 'department'
  | 'role'
  | 'realNameVerified'
  | 'customerContact'
  | 'status';

/** Header names, compared after lower-casing and dropping spaces, `_`, `-`, a trailing `*` and a bracketed note. */
const HEADER_NAMES: Record<MemberColumn, string[]> = {
  account: ['account', '账号', '帐号'],
  name: ['name', '姓名'],
  password: ['password', '密码'],
  phone: ['phone', 'mobile', '手机', '手机号', '手机号码'],
  email: ['email', 'e-mail', '邮箱', '电子邮箱'],
  title: ['title', '职务', '职位'],
  department: ['department', 'departments', '部门'],
  role: ['role', '角色'],
  realNameVerified: ['realnameverified', '实名', '实名认证'],
  customerContact: ['customercontact', '客户联系', '客户联系权限'],
  // written by the export; read and ignored, so an export can be edited and imported again
  status: ['status', '状态'],
};

const headerKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]\s*$/, '')
    .replace(/\*+\s*$/, '')
    .replace(/[\s_-]/g, '');

const COLUMN_BY_HEADER = new Map<string, MemberColumn>(
  (Object.entries(HEADER_NAMES) as Array<[MemberColumn, string[]]>).flatMap(([column, names]) => names.map((n) => [headerKey(n), column])),
);

/** The export's header row, in the language asked for. */
export const EXPORT_COLUMNS: MemberColumn[] = [
  'account',
  'name',
  'phone',
  'email',
  'title',
  'department',
  'role',
  'realNameVerified',
  'customerContact',
  'status',
];
const ZH_HEADERS: Record<MemberColumn, string> = {
  account: '账号',
  name: '姓名',
  password: '密码',
  phone: '手机',
  email: '邮箱',
  title: '职务',
  department: '部门',
  role: '角色',
  realNameVerified: '实名',
  customerContact: '客户联系',
  status: '状态',
};
export const exportHeader = (lang: 'zh-CN' | 'en') => EXPORT_COLUMNS.map((c) => (lang === 'zh-CN' ? ZH_HEADERS[c] : c));

// ---------- values ----------

const ROLES: Record<string, 'admin' | 'member'> = {
  admin: 'admin',
  administrator: 'admin',
  管理员: 'admin',
  member: 'member',
  成员: 'member',
  普通成员: 'member',
};
const FLAGS: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  '1': true,
  是: true,
  no: false,
  n: false,
  false: false,
  '0': false,
  否: false,
};

const ACCOUNT_RE = new RegExp(Account.pattern as string);
const PHONE_RE = new RegExp(Phone.pattern as string);
// the "email" format of the API (ajv-formats, fast mode), so the file and the form agree
const EMAIL_RE =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to find them
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Undoes the export's guard against spreadsheet formulas (a leading `'` before `=`, `+`, `-`, `@`). */
const unguard = (value: string) => (/^'[=+\-@]/.test(value) ? value.slice(1) : value);

/** A member row that passed every check the file alone allows. */
export interface MemberCsvRow {
  row: number;
  account: string;
  name: string;
  /** null: use the import's default password */
  password: string | null;
  /** normalised (no spaces or dashes) */
  phone: string | null;
  /** lower-cased */
  email: string | null;
  title: string | null;
  /** department paths, each a list of names under the root; empty: the root department */
  departments: string[][];
  role: 'admin' | 'member';
  realNameVerified: boolean;
  customerContact: boolean;
}

export interface ParsedMemberCsv {
  rows: MemberCsvRow[];
  errors: ImportRowErrorDto[];
  /** data rows in the file (blank ones aside) */
  total: number;
}

const rowError = (row: number, field: MemberColumn | undefined, code: ErrorCode, message: string): ImportRowErrorDto =>
  field ? { row, field, code, message } : { row, code, message };

/**
 * Reads a member CSV: header, then one member per row. Throws CsvFileError when the file as a
 * whole is unusable (no header, unknown or repeated columns, no rows, too many rows); otherwise
 * returns the good rows and one error per bad field, duplicates within the file included.
 */
export function parseMemberCsv(text: string, options: { hasDefaultPassword: boolean }): ParsedMemberCsv {
  const records = parseCsv(text);
  const [header, ...data] = records;
  if (!header) throw new CsvFileError('The file is empty');
  if (header.row !== 1) throw new CsvFileError('The first line must be the header row');

  const columns = new Map<MemberColumn, number>();
  for (const [index, name] of header.cells.entries()) {
    if (name === '') continue;
    const column = COLUMN_BY_HEADER.get(headerKey(name));
    if (!column) throw new CsvFileError(`Unknown column "${name.slice(0, 40)}" in the header row`, 1);
    if (columns.has(column)) throw new CsvFileError(`The column "${name.slice(0, 40)}" appears twice in the header row`, 1);
    columns.set(column, index);
  }
  for (const required of ['account', 'name'] as const) {
    if (!columns.has(required)) throw new CsvFileError(`The header row has no "${required}" column`, 1);
  }
  if (!columns.has('password') && !options.hasDefaultPassword) {
    throw new CsvFileError('Add a "password" column or give a default password', 1);
  }
  if (!data.length) throw new CsvFileError('The file has a header but no members');
  if (data.length > LIMITS.membersPerImport) {
    throw new CsvFileError(`A file may hold at most ${LIMITS.membersPerImport} members; this one has ${data.length}`);
  }

  const errors: ImportRowErrorDto[] = [];
  const rows: MemberCsvRow[] = [];
  // first row holding each identifier, to report later repeats (accounts and phones share one space: sign-in takes either)
  const loginSeen = new Map<string, { row: number; field: 'account' | 'phone' }>();
  const emailSeen = new Map<string, number>();

  for (const record of data) {
    const { row } = record;
    const before = errors.length;
    const cell = (column: MemberColumn) => {
      const index = columns.get(column);
      return index === undefined ? '' : unguard((record.cells[index] ?? '').trim());
    };
    const fail = (field: MemberColumn | undefined, message: string, code: ErrorCode = 'VALIDATION_FAILED') => {
      errors.push(rowError(row, field, code, message));
    };
    if (record.cells.length > header.cells.length && record.cells.slice(header.cells.length).some((c) => c.trim() !== '')) {
      fail(undefined, `The row has ${record.cells.length} fields but the header has ${header.cells.length}`);
    }
    for (const column of columns.keys()) {
      if (CONTROL_RE.test(cell(column))) fail(column, 'contains control characters');
    }

    const account = cell('account');
    if (!account) fail('account', 'is required');
    else if (account.length < (Account.minLength ?? 2) || account.length > LIMITS.account || !ACCOUNT_RE.test(account)) {
      fail('account', `must be ${Account.minLength}–${LIMITS.account} letters, digits, dots, dashes or underscores`);
    }

    const name = cell('name');
    if (!name) fail('name', 'is required');
    else if (name.length > LIMITS.name) fail('name', `must be at most ${LIMITS.name} characters`);

    const passwordCell = columns.has('password') ? (record.cells[columns.get('password') as number] ?? '') : '';
    if (passwordCell === '' && !options.hasDefaultPassword) fail('password', 'is required (or give a default password)');
    else if (passwordCell !== '' && (passwordCell.length < (Password.minLength ?? 8) || passwordCell.length > LIMITS.passwordMax)) {
      fail('password', `must be ${Password.minLength}–${LIMITS.passwordMax} characters`);
    }

    const phoneCell = cell('phone');
    if (phoneCell && (phoneCell.length > LIMITS.phone || !PHONE_RE.test(phoneCell))) fail('phone', 'is not a phone number');
    const emailCell = cell('email');
    if (emailCell && (emailCell.length > LIMITS.email || !EMAIL_RE.test(emailCell))) fail('email', 'is not an email address');
    const title = cell('title');
    if (title.length > LIMITS.title) fail('title', `must be at most ${LIMITS.title} characters`);

    const departments = departmentPaths(cell('department'));
    if (departments.length > 20) fail('department', 'at most 20 departments');
    if (departments.some((path) => path.some((segment) => segment.length > LIMITS.departmentName))) {
      fail('department', `department names are at most ${LIMITS.departmentName} characters`);
    }

    const roleCell = cell('role').toLowerCase();
    const role = roleCell === '' ? 'member' : ROLES[roleCell];
    if (!role) fail('role', 'must be admin or member (管理员 / 成员)');
    const flag = (column: 'realNameVerified' | 'customerContact') => {
      const value = cell(column).toLowerCase();
      if (value === '') return false;
      const parsed = FLAGS[value];
      if (parsed === undefined) fail(column, 'must be yes or no (是 / 否)');
      return parsed ?? false;
    };
    const realNameVerified = flag('realNameVerified');
    const customerContact = flag('customerContact');

    // duplicates within the file: a later row repeating an earlier row's identifier is at fault
    const phone = phoneCell && PHONE_RE.test(phoneCell) ? normalizePhone(phoneCell) : null;
    const email = emailCell && EMAIL_RE.test(emailCell) ? emailCell.toLowerCase() : null;
    const validAccount = account && ACCOUNT_RE.test(account) && !errors.slice(before).some((e) => e.field === 'account') ? account : null;
    const repeat = (field: 'account' | 'phone', value: string | null) => {
      if (value === null) return;
      const seen = loginSeen.get(value);
      if (seen?.row === row) return; // a member's account may be their own phone number
      if (seen) {
        const code: ErrorCode = field === 'account' ? 'MEMBER_ACCOUNT_TAKEN' : 'MEMBER_PHONE_TAKEN';
        fail(field, `"${value}" is already the ${seen.field} of row ${seen.row} in this file`, code);
      } else loginSeen.set(value, { row, field });
    };
    repeat('account', validAccount);
    repeat('phone', phone);
    if (email !== null) {
      const seen = emailSeen.get(email);
      if (seen) fail('email', `"${email}" is already the email of row ${seen} in this file`, 'MEMBER_EMAIL_TAKEN');
      else emailSeen.set(email, row);
    }

    if (errors.length > before) continue;
    rows.push({
      row,
      account,
      name,
      password: passwordCell === '' ? null : passwordCell,
      phone,
      email,
      title: title || null,
      departments,
      role: role as 'admin' | 'member',
      realNameVerified,
      customerContact,
    });
  }
  return { rows, errors, total: data.length };
}

/**
 * "Shanghai/Xuhui Store; Hangzhou" → [["Shanghai", "Xuhui Store"], ["Hangzhou"]]. Several
 * departments are separated by `;` (or a line break in the cell); an empty cell or "/" is the root ([]).
 */
export function departmentPaths(value: string): string[][] {
  const paths = value
    .split(/[;；\n]/)
    .filter((part) => part.trim() !== '')
    .map((part) =>
      part
        .split(/[/／]/)
        .map((segment) => segment.trim())
        .filter(Boolean),
    );
  return paths.length ? paths : [[]];
}

export interface DepartmentNode {
  id: string;
  parentId: string | null;
  name: string;
}

/**
 * Resolves a department path by names, starting under the root; a path may also start with the
 * root's own name. An empty path is the root. Returns undefined when no department matches.
 */
export function resolveDepartmentPath(departments: DepartmentNode[], path: string[]): string | undefined {
  const root = departments.find((d) => d.parentId === null);
  if (!root) return undefined;
  if (!path.length) return root.id;
  const children = new Map<string, string>();
  for (const d of departments) if (d.parentId !== null) children.set(`${d.parentId}/${d.name}`, d.id);
  const walk = (from: string, segments: string[]) => {
    let current: string | undefined = from;
    for (const segment of segments) {
      current = children.get(`${current}/${segment}`);
      if (!current) return undefined;
    }
    return current;
  };
  return walk(root.id, path) ?? (path[0] === root.name ? walk(root.id, path.slice(1)) : undefined);
}

/** The path of a department under the root, as the import reads it ("/" for the root itself). */
export function departmentPathOf(departments: Map<string, DepartmentNode>, id: string): string {
  const names: string[] = [];
  let current = departments.get(id);
  for (let guard = 0; current && current.parentId !== null && guard < 1000; guard++) {
    names.unshift(current.name);
    current = departments.get(current.parentId);
  }
  return names.length ? names.join('/') : '/';
}

// ---------- writing ----------

/** A cell a spreadsheet would run as a formula gets a leading `'`; phone-like values (+86 138…) stay as they are. */
const guard = (value: string) =>
  /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][0-9 ()-]*$/.test(value)) ? `'${value}` : value;

const quote = (value: string) => (/[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** CSV text with a UTF-8 BOM (so Excel reads Chinese correctly) and CRLF line ends. */
export function toCsv(rows: Array<Array<string | null>>): string {
  return `\uFEFF${rows.map((cells) => cells.map((c) => quote(guard(c ?? ''))).join(',')).join('\r\n')}\r\n`;
}
