import type { DepartmentDto } from '@rapport/shared';
import { departmentPath, rootDepartment } from '../../common/departments';

/** Import columns in template order, with their English and Chinese headers. */
export const CSV_COLUMNS = [
  { key: 'account', en: 'account', zh: '账号' },
  { key: 'name', en: 'name', zh: '姓名' },
  { key: 'password', en: 'password', zh: '密码' },
  { key: 'phone', en: 'phone', zh: '手机' },
  { key: 'email', en: 'email', zh: '邮箱' },
  { key: 'title', en: 'title', zh: '职务' },
  { key: 'department', en: 'department', zh: '部门' },
  { key: 'role', en: 'role', zh: '角色' },
  { key: 'realNameVerified', en: 'realNameVerified', zh: '实名' },
  { key: 'customerContact', en: 'customerContact', zh: '客户联系' },
] as const;

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A department path as the import expects it: names below the top department, joined by "/". */
export function importPath(departments: DepartmentDto[], id: string): string {
  const root = rootDepartment(departments);
  const path = departmentPath(departments, id);
  return root && id !== root.id ? path.slice(1).join('/') : '';
}

/** The downloadable template: headers in the UI language and two example rows. */
export function templateCsv(lang: string, departments: DepartmentDto[]): string {
  const zh = lang === 'zh-CN';
  const root = rootDepartment(departments);
  const sample = departments.find((d) => d.parentId === root?.id);
  const department = sample ? importPath(departments, sample.id) : '';
  const rows = [
    CSV_COLUMNS.map((c) => (zh ? c.zh : c.en)),
    [
      'zhangsan',
      zh ? '张三' : 'Zhang San',
      '',
      '13800000001',
      'zhangsan@example.com',
      zh ? '导购' : 'Store guide',
      department,
      'member',
      'true',
      'true',
    ],
    ['lisi', zh ? '李四' : 'Li Si', '', '', '', zh ? '店长' : 'Store manager', department, 'member', 'false', 'false'],
  ];
  // A BOM so Excel opens the Chinese headers as UTF-8.
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Reads an uploaded CSV: UTF-8 (with or without BOM), else GB18030 as saved by Chinese Excel. */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/** Data rows in a CSV text (non-empty lines after the header), for a hint before importing. */
export const countRows = (csv: string) => Math.max(0, csv.split(/\r?\n/).filter((line) => line.trim()).length - 1);
