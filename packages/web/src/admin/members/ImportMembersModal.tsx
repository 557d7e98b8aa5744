import { DownloadOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import type { DepartmentDto, ImportResultDto } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { Alert, Button, Flex, Form, Input, Modal, Radio, Result, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../common/antd/format';
import { ApiError } from '../../common/api';
import { useErrorMessage } from '../../common/i18n';
import { type ImportMode, useImportMembers } from '../hooks';
import { CSV_COLUMNS, countRows, readCsvFile, templateCsv } from './csv';

type RowError = ImportResultDto['errors'][number];

const isRowErrors = (value: unknown): value is RowError[] =>
  Array.isArray(value) && value.every((v) => v && typeof v === 'object' && typeof (v as RowError).row === 'number');

/** The rows the server rejected, with the field and the reason in the UI language. */
function RowErrorsTable({ errors }: { errors: RowError[] }) {
  const { t, i18n } = useTranslation('admin');
  const fieldLabel = (field?: string) => {
    if (!field) return '—';
    const column = CSV_COLUMNS.find((c) => c.key === field || c.en === field || c.zh === field);
    return column ? (i18n.language === 'zh-CN' ? column.zh : column.en) : field;
  };
  const reason = (e: RowError) => {
    if (e.code === 'VALIDATION_FAILED') return e.field ? t('import.fieldInvalid', { field: fieldLabel(e.field) }) : t('import.rowInvalid');
    const key = `common:errors.${e.code}`;
    return i18n.exists(key) ? t(key) : e.message;
  };
  return (
    <Table<RowError>
      data-testid="import-errors"
      size="small"
      rowKey={(e) => `${e.row}-${e.field ?? ''}-${e.code}`}
      dataSource={errors}
      pagination={errors.length > 8 ? { pageSize: 8, size: 'small' } : false}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 80, render: (row: number) => t('import.rowNumber', { row }) },
        { title: t('import.field'), dataIndex: 'field', width: 120, render: (field?: string) => <Tag>{fieldLabel(field)}</Tag> },
        {
          title: t('import.problem'),
          key: 'problem',
          render: (_, e) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text>{reason(e)}</Typography.Text>
              {reason(e) !== e.message ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.message}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 批量导入: upload or paste a CSV, pick all-or-nothing or valid rows only, see what happened. */
export function ImportMembersModal({ open, departments, onClose }: { open: boolean; departments: DepartmentDto[]; onClose: () => void }) {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const importMembers = useImportMembers();
  const [source, setSource] = useState<'upload' | 'paste'>('upload');
  const [fileName, setFileName] = useState<string>();
  const [fileText, setFileText] = useState('');
  const [pasted, setPasted] = useState('');
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [defaultPassword, setDefaultPassword] = useState('');
  const [result, setResult] = useState<ImportResultDto>();
  const [rejected, setRejected] = useState<RowError[]>();
  const [error, setError] = useState<unknown>();
  const csv = source === 'upload' ? fileText : pasted;
  const tooLarge = new Blob([csv]).size > LIMITS.csvBytes;
  const passwordTooShort = defaultPassword.length > 0 && defaultPassword.length < LIMITS.passwordMin;

  const reset = () => {
    setFileName(undefined);
    setFileText('');
    setPasted('');
    setResult(undefined);
    setRejected(undefined);
    setError(undefined);
    setDefaultPassword('');
    setMode('all-or-nothing');
  };

  const close = () => {
    reset();
    onClose();
  };

  const submit = async () => {
    setError(undefined);
    setRejected(undefined);
    try {
      const answer = await importMembers.mutateAsync({ csv, mode, defaultPassword: defaultPassword || undefined });
      setResult(answer);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CSV_ROWS_INVALID' && isRowErrors(e.details)) setRejected(e.details);
      else setError(e);
    }
  };

  const footer = result
    ? [
        <Button key="again" onClick={reset}>
          {t('import.again')}
        </Button>,
        <Button key="done" type="primary" onClick={close}>
          {t('import.done')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          {t('common:cancel')}
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={!csv.trim() || tooLarge || passwordTooShort}
          loading={importMembers.isPending}
          onClick={() => void submit()}
          data-testid="import-submit"
        >
          {t('import.submit')}
        </Button>,
      ];

  return (
    <Modal title={t('import.title')} open={open} onCancel={close} width={820} footer={footer} destroyOnHidden>
      {result ? (
        <div data-testid="import-result">
          <Result
            status={result.errors.length ? 'warning' : 'success'}
            title={t('import.resultTitle', { created: result.created })}
            subTitle={result.skipped ? t('import.resultSkipped', { skipped: result.skipped }) : t('import.resultAll')}
            style={{ padding: '16px 0' }}
          />
          <Flex justify="center" gap={64} style={{ marginBottom: 16 }}>
            <Statistic title={t('import.created')} value={result.created} styles={{ content: { color: '#52c41a' } }} />
            <Statistic
              title={t('import.skipped')}
              value={result.skipped}
              styles={{ content: { color: result.skipped ? '#faad14' : undefined } }}
            />
          </Flex>
          {result.errors.length ? <RowErrorsTable errors={result.errors} /> : null}
        </div>
      ) : (
        <Flex vertical gap={16}>
          {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
          {rejected ? (
            <div data-testid="import-rejected">
              <Alert
                type="error"
                showIcon
                title={t('import.rejectedTitle', { count: rejected.length })}
                description={t('import.rejectedHelp')}
                style={{ marginBottom: 12 }}
              />
              <RowErrorsTable errors={rejected} />
            </div>
          ) : null}
          <Alert
            type="info"
            showIcon
            title={t('import.howTitle')}
            description={
              <div>
                <div>
                  {t('import.howColumns', {
                    columns: CSV_COLUMNS.map((c) => (i18n.language === 'zh-CN' ? c.zh : c.en)).join(
                      i18n.language === 'zh-CN' ? '、' : ', ',
                    ),
                  })}
                </div>
                <div>{t('import.howDepartment')}</div>
                <div>{t('import.howLimit', { max: LIMITS.membersPerImport })}</div>
              </div>
            }
            action={
              <Button
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => downloadText(t('import.templateFile'), templateCsv(i18n.language, departments))}
              >
                {t('import.template')}
              </Button>
            }
          />
          <Tabs
            activeKey={source}
            onChange={(key) => setSource(key as 'upload' | 'paste')}
            items={[
              {
                key: 'upload',
                label: t('import.upload'),
                children: (
                  <Upload.Dragger
                    accept=".csv,text/csv"
                    maxCount={1}
                    showUploadList={false}
                    beforeUpload={async (file) => {
                      setFileName(file.name);
                      setFileText(await readCsvFile(file));
                      setRejected(undefined);
                      return false;
                    }}
                  >
                    <p className="ant-upload-drag-icon">{fileName ? <FileTextOutlined /> : <InboxOutlined />}</p>
                    <p className="ant-upload-text">{fileName ?? t('import.dropHint')}</p>
                    <p className="ant-upload-hint">
                      {fileName ? t('import.rows', { count: countRows(fileText) }) : t('import.dropSubHint')}
                    </p>
                  </Upload.Dragger>
                ),
              },
              {
                key: 'paste',
                label: t('import.paste'),
                children: (
                  <Input.TextArea
                    value={pasted}
                    onChange={(e) => {
                      setPasted(e.target.value);
                      setRejected(undefined);
                    }}
                    rows={8}
                    placeholder={`${CSV_COLUMNS.map((c) => (i18n.language === 'zh-CN' ? c.zh : c.en)).join(',')}\n…`}
                    aria-label={t('import.paste')}
                    style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 }}
                  />
                ),
              },
            ]}
          />
          {tooLarge ? <Alert type="error" showIcon title={t('import.tooLarge')} /> : null}
          <Form name="import" layout="vertical" component="div">
            <Form.Item label={t('import.mode')} style={{ marginBottom: 12 }}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
                <Space orientation="vertical">
                  <Radio value="all-or-nothing">
                    <strong>{t('import.allOrNothing')}</strong>
                    <Typography.Text type="secondary"> — {t('import.allOrNothingHelp')}</Typography.Text>
                  </Radio>
                  <Radio value="valid-rows">
                    <strong>{t('import.validRows')}</strong>
                    <Typography.Text type="secondary"> — {t('import.validRowsHelp')}</Typography.Text>
                  </Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              label={t('import.defaultPassword')}
              extra={t('import.defaultPasswordHelp', { min: LIMITS.passwordMin })}
              validateStatus={passwordTooShort ? 'error' : undefined}
              help={passwordTooShort ? t('ui:passwordRule', { min: LIMITS.passwordMin }) : undefined}
              style={{ marginBottom: 0 }}
            >
              <Input.Password
                value={defaultPassword}
                onChange={(e) => setDefaultPassword(e.target.value)}
                maxLength={LIMITS.passwordMax}
                autoComplete="new-password"
                style={{ maxWidth: 320 }}
                aria-label={t('import.defaultPassword')}
              />
            </Form.Item>
          </Form>
        </Flex>
      )}
    </Modal>
  );
}
