import { CHAT_LIMITS, LIMITS } from '@rapport/shared';
import { Button, Form, Input, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../common/i18n';
import { AuthFormError } from './AuthLayout';
import { useSendFriendRequest } from './hooks';
import { SubPage } from './Shell';

interface Values {
  to: string;
  message?: string;
}

/** Add a friend by their phone number or account name; they accept or decline. */
export function AddFriendPage() {
  const { t } = useTranslation('app');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const sendRequest = useSendFriendRequest();

  const submit = async (values: Values) => {
    setFormError(null);
    try {
      const message = values.message?.trim();
      const request = await sendRequest.mutateAsync({ to: values.to.trim(), ...(message ? { message } : {}) });
      if (request.status === 'accepted' && request.conversationId) {
        navigate(`/app/chats/${request.conversationId}`);
        return;
      }
      Toast.show({ icon: 'success', content: t('addFriend.sent') });
      navigate('/app/contacts/new');
    } catch (error) {
      setFormError(errorMessage(error));
    }
  };

  return (
    <SubPage title={t('contacts.addFriend')} back="/app/contacts">
      <div className="rp-app-form" style={{ background: '#fff', minHeight: '100%' }}>
        <p style={{ margin: 0, padding: '16px 16px 4px', fontSize: 14, color: '#8c8c8c', lineHeight: 1.5 }}>{t('addFriend.intro')}</p>
        <AuthFormError message={formError} testId="add-friend-error" />
        <Form
          form={form}
          layout="vertical"
          requiredMarkStyle="none"
          onFinish={submit}
          onValuesChange={() => setFormError(null)}
          footer={
            <Button block type="submit" color="primary" size="large" loading={sendRequest.isPending} data-testid="add-friend-submit">
              {t('addFriend.submit')}
            </Button>
          }
        >
          <Form.Item
            name="to"
            label={t('addFriend.to')}
            data-testid="add-friend-to"
            rules={[{ required: true, whitespace: true, message: t('addFriend.toRequired') }]}
          >
            <Input
              autoCapitalize="none"
              autoCorrect="off"
              maxLength={LIMITS.account}
              clearable
              placeholder={t('addFriend.toPlaceholder')}
            />
          </Form.Item>
          <Form.Item name="message" label={t('addFriend.message')} data-testid="add-friend-message">
            <TextArea
              maxLength={CHAT_LIMITS.friendRequestMessage}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('addFriend.messagePlaceholder')}
            />
          </Form.Item>
        </Form>
      </div>
    </SubPage>
  );
}
