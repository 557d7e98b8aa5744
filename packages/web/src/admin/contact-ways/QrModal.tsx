import { DownloadOutlined } from '@ant-design/icons';
import type { ContactWayDto } from '@rapport/shared';
import { Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qrUrl } from './hooks';

/** The QR code and link of a way, to print or share, with PNG / SVG downloads. */
export function QrModal({ way, memberNames, onClose }: { way?: ContactWayDto; memberNames: string; onClose: () => void }) {
  const { t } = useTranslation('admin');
  return (
    <Modal
      title={way ? t('contactWays.qrTitle', { name: way.name }) : ''}
      open={Boolean(way)}
      onCancel={onClose}
      footer={null}
      width={460}
      destroyOnHidden
    >
      {way ? (
        <Flex vertical align="center" gap={16} style={{ paddingTop: 8 }} data-testid="way-qr">
          <img
            src={qrUrl(way.id, 'png')}
            alt={t('contactWays.qrAlt', { name: way.name })}
            width={220}
            height={220}
            style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8, background: '#fff' }}
          />
          <Flex gap={8}>
            <Button icon={<DownloadOutlined />} href={qrUrl(way.id, 'png')} download={`${way.name}.png`}>
              {t('contactWays.downloadPng')}
            </Button>
            <Button icon={<DownloadOutlined />} href={qrUrl(way.id, 'svg')} download={`${way.name}.svg`}>
              {t('contactWays.downloadSvg')}
            </Button>
          </Flex>
          <Descriptions
            column={1}
            size="small"
            style={{ width: '100%' }}
            items={[
              {
                key: 'link',
                label: t('contactWays.link'),
                children: (
                  <Typography.Text
                    copyable={{ tooltips: [t('contactWays.copy'), t('contactWays.copied')] }}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {way.url}
                  </Typography.Text>
                ),
              },
              { key: 'members', label: t('contactWays.members'), children: memberNames },
              { key: 'adds', label: t('contactWays.adds'), children: <span data-testid="way-qr-adds">{way.adds}</span> },
            ]}
          />
        </Flex>
      ) : null}
    </Modal>
  );
}
