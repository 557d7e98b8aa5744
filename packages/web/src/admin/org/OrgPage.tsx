import {
  ApartmentOutlined,
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  MoreOutlined,
  PlusOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { DepartmentDto, MemberDto } from '@rapport/shared';
import type { MenuProps } from 'antd';
import { App, Breadcrumb, Button, Card, Col, Dropdown, Flex, Row, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../common/antd/PageHeader';
import { ErrorState, LoadingState } from '../../common/antd/states';
import { buildDepartmentTree, type DepartmentNode, departmentPath, rootDepartment } from '../../common/departments';
import { useErrorMessage } from '../../common/i18n';
import { useDeleteDepartment, useDepartments } from '../hooks';
import { MemberDrawer } from '../members/MemberDrawer';
import { MemberTable } from '../members/MemberTable';
import { type DepartmentDialog, DepartmentModal } from './DepartmentModal';

/** 组织架构: the department tree on the left, the selected department's members on the right. */
export function OrgPage() {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const departments = useDepartments();
  const remove = useDeleteDepartment();
  const [selected, setSelected] = useState<string>();
  const [dialog, setDialog] = useState<DepartmentDialog>();
  const [drawer, setDrawer] = useState<{ open: boolean; member?: MemberDto }>({ open: false });
  // Everything starts expanded, new departments included; only what the admin folds stays folded.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const list = departments.data ?? [];
  const tree = useMemo(() => buildDepartmentTree(list), [list]);
  const root = rootDepartment(list);
  const current = list.find((d) => d.id === selected) ?? root;

  const header = <PageHeader title={t('org.title')} description={t('org.description')} />;
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

  const confirmDelete = (d: DepartmentDto) =>
    modal.confirm({
      title: t('org.deleteTitle', { name: d.name }),
      content: t('org.deleteContent'),
      okText: t('common:delete'),
      okButtonProps: { danger: true },
      cancelText: t('common:cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(d.id);
          message.success(t('org.deleted', { name: d.name }));
          if (selected === d.id) setSelected(d.parentId ?? undefined);
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const menuFor = (d: DepartmentDto): MenuProps => {
    const isRoot = d.parentId === null;
    return {
      items: [
        { key: 'add', icon: <PlusOutlined />, label: t('org.addChild') },
        { key: 'rename', icon: <EditOutlined />, label: t('org.rename') },
        ...(isRoot
          ? []
          : [
              { key: 'move', icon: <DragOutlined />, label: t('org.move') },
              { type: 'divider' as const },
              { key: 'delete', icon: <DeleteOutlined />, label: t('common:delete'), danger: true },
            ]),
      ],
      onClick: ({ key, domEvent }) => {
        domEvent.stopPropagation();
        if (key === 'add') setDialog({ mode: 'create', parentId: d.id });
        if (key === 'rename') setDialog({ mode: 'rename', department: d });
        if (key === 'move') setDialog({ mode: 'move', department: d });
        if (key === 'delete') confirmDelete(d);
      },
    };
  };

  const renderTitle = (node: DepartmentNode) => (
    <Flex align="center" justify="space-between" gap={8} className="dept-node" data-testid={`dept-${node.department.name}`}>
      <Typography.Text ellipsis style={{ minWidth: 0 }}>
        {node.department.name}
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          ({node.department.memberCount})
        </Typography.Text>
      </Typography.Text>
      <Dropdown trigger={['click']} menu={menuFor(node.department)}>
        <Button
          type="text"
          size="small"
          icon={<MoreOutlined />}
          aria-label={t('org.actionsFor', { name: node.department.name })}
          onClick={(e) => e.stopPropagation()}
        />
      </Dropdown>
    </Flex>
  );

  const path = current ? departmentPath(list, current.id) : [];

  return (
    <>
      {header}
      <Row gutter={16} wrap={false}>
        <Col flex="280px">
          <Card
            variant="borderless"
            title={
              <Flex align="center" gap={8}>
                <ApartmentOutlined style={{ color: '#1677ff' }} />
                {t('org.tree')}
              </Flex>
            }
            extra={
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ mode: 'create', parentId: current?.id ?? root?.id ?? '' })}
              >
                {t('org.add')}
              </Button>
            }
            styles={{ body: { padding: '12px 8px' } }}
            style={{ height: '100%' }}
          >
            <style>
              {
                '.dept-node .ant-btn{opacity:.35}.ant-tree-treenode:hover .dept-node .ant-btn,.ant-tree-treenode-selected .dept-node .ant-btn{opacity:1}'
              }
            </style>
            <Tree<DepartmentNode>
              blockNode
              showLine
              treeData={tree}
              expandedKeys={list.filter((d) => !collapsed.has(d.id)).map((d) => d.id)}
              onExpand={(_, { node, expanded }) =>
                setCollapsed((previous) => {
                  const next = new Set(previous);
                  if (expanded) next.delete(String(node.key));
                  else next.add(String(node.key));
                  return next;
                })
              }
              selectedKeys={current ? [current.id] : []}
              onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
              titleRender={renderTitle}
            />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            variant="borderless"
            title={
              <Flex vertical gap={2} style={{ padding: '8px 0' }}>
                <Breadcrumb items={path.map((name) => ({ title: name }))} style={{ fontSize: 12 }} />
                <Typography.Text strong style={{ fontSize: 16 }} data-testid="org-selected">
                  {current?.name}
                </Typography.Text>
              </Flex>
            }
            extra={
              <Flex gap={8}>
                {current ? (
                  <Button icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parentId: current.id })}>
                    {t('org.addChild')}
                  </Button>
                ) : null}
                <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDrawer({ open: true })}>
                  {t('members.add')}
                </Button>
              </Flex>
            }
          >
            {current ? (
              <MemberTable
                filters={{ departmentId: current.id }}
                departments={list}
                compact
                onEdit={(member) => setDrawer({ open: true, member })}
                emptyAction={
                  <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDrawer({ open: true })}>
                    {t('members.add')}
                  </Button>
                }
              />
            ) : null}
          </Card>
        </Col>
      </Row>
      <DepartmentModal dialog={dialog} departments={list} onClose={() => setDialog(undefined)} onCreated={(d) => setSelected(d.id)} />
      <MemberDrawer
        open={drawer.open}
        member={drawer.member}
        departments={list}
        defaultDepartmentId={current?.id}
        onClose={() => setDrawer({ open: false })}
      />
    </>
  );
}
