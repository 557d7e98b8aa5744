import type { BusinessCardDto } from '@rapport/shared';
import { App, Button, Card, Col, Flex, Form, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CardFormFields, type CardFormValues, toCardBody, toCardFormValues } from '../../common/antd/CardFormFields';
import { formatDateTime } from '../../common/antd/format';
import { applyServerErrors } from '../../common/antd/forms';
import { useErrorMessage } from '../../common/i18n';
import { useUpdateCard } from '../hooks';
import { CardPreview, type PreviewValues } from './CardPreview';

/** Edit one member's business card beside a live phone-sized preview. */
export function CardEditor({ card }: { card: BusinessCardDto }) {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<CardFormValues>();
  const save = useUpdateCard();
  const watched = Form.useWatch([], form) as CardFormValues | undefined;
  const preview: PreviewValues = watched ?? toCardFormValues(card);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toCardFormValues(card));
  }, [card, form]);

  const submit = async (values: CardFormValues) => {
    try {
      await save.mutateAsync({ memberId: card.memberId, ...toCardBody(values) });
      message.success(t('cards.saved', { name: card.name }));
    } catch (error) {
      const shown = applyServerErrors(form, error, { translate: errorMessage, invalidText: t('ui:invalidValue') });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          variant="borderless"
          title={t('cards.editTitle', { name: card.name })}
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cards.updatedAt', { time: formatDateTime(card.updatedAt, i18n.language) })}
            </Typography.Text>
          }
        >
          <Form<CardFormValues>
            name="card"
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={toCardFormValues(card)}
            data-testid="card-form"
          >
            <CardFormFields wide />
            <Flex gap={8} style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="card-save">
                {t('common:save')}
              </Button>
              <Button onClick={() => form.setFieldsValue(toCardFormValues(card))}>{t('cards.revert')}</Button>
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col flex="340px">
        <Card variant="borderless" title={t('cards.preview')} styles={{ body: { padding: '20px 0' } }}>
          <CardPreview card={card} values={preview} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: '16px 16px 0' }}>
            {t('cards.previewHint')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
