import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { MemberDto } from '@rapport/shared';
import { Button, Card, Flex, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListSearch } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { buildDepartmentTree } from '../../common/departments';
import { type MemberFilters, membersQueryString, useDepartments } from '../hooks';
import { ImportMembersModal } from './ImportMembersModal';
import { MemberDrawer } from './MemberDrawer';
import { MemberTable } from './MemberTable';

/** 成员管理: every member of the enterprise, filters, add / edit, import and export. */
export function MembersPage() {
  const { t, i18n } = useTranslation('admin');
  const departments = useDepartments();
  const [filters, setFilters] = useState<MemberFilters>({});
  const [search, setSearch] = useState('');
  const [drawer, setDrawer] = useState<{ open: boolean; member?: MemberDto }>({ open: false });
  const [importOpen, setImportOpen] = useState(false);
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);

  const header = (
    <PageHeader
      title={t('members.title')}
      description={t('members.description')}
      extra={
        <>
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
            {t('import.open')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/members/export.csv${membersQueryString(filters, { lang: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' })}`}
            download
            data-testid="export-csv"
          >
            {t('members.export')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })}>
            {t('members.add')}
          </Button>
        </>
      }
    />
  );

  if (departments.isPending)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (departments.isError)
    return (
      <>
        {header}
        <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />
      </>
    );

  return (
    <>
      {header}
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <ListSearch
            value={search}
            onChange={setSearch}
            onQuery={(q) => setFilters((f) => ({ ...f, q }))}
            placeholder={t('members.searchPlaceholder')}
            width={280}
          />
          <TreeSelect
            allowClear
            treeData={tree}
            treeDefaultExpandAll
            value={filters.departmentId}
            onChange={(departmentId?: string) => setFilters((f) => ({ ...f, departmentId }))}
            placeholder={t('members.allDepartments')}
            aria-label={t('fields.departments')}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            value={filters.status}
            onChange={(status?: MemberFilters['status']) => setFilters((f) => ({ ...f, status }))}
            placeholder={t('members.allStatuses')}
            aria-label={t('fields.status')}
            style={{ width: 140 }}
            options={(['active', 'disabled', 'resigned'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <Select
            allowClear
            value={filters.role}
            onChange={(role?: MemberFilters['role']) => setFilters((f) => ({ ...f, role }))}
            placeholder={t('members.allRoles')}
            aria-label={t('fields.role')}
            style={{ width: 140 }}
            options={(['admin', 'member'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <Button
            type="link"
            onClick={() => {
              setSearch('');
              setFilters({});
            }}
          >
            {t('members.resetFilters')}
          </Button>
        </Flex>
        <MemberTable
          filters={filters}
          departments={departments.data}
          onEdit={(member) => setDrawer({ open: true, member })}
          emptyAction={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })}>
              {t('members.add')}
            </Button>
          }
        />
      </Card>
      <MemberDrawer
        open={drawer.open}
        member={drawer.member}
        departments={departments.data}
        defaultDepartmentId={filters.departmentId}
        onClose={() => setDrawer({ open: false })}
      />
      <ImportMembersModal open={importOpen} departments={departments.data} onClose={() => setImportOpen(false)} />
    </>
  );
}
