import { type ConsumerDto, LIMITS } from '@rapport/shared';
import { Avatar, Button, Form, Input, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../common/i18n';
import { PATTERNS, serverFieldErrors } from '../common/mobile/forms';
import { useMe, useUpdateProfile } from './hooks';
import { SubPage } from './Shell';
import { LoadError, Loading } from './states';

interface Values {
  nickname: string;
  avatarUrl: string;
}

/** Edit my nickname and avatar (a picture URL), with the avatar previewed as I type. */
export function EditProfilePage({ consumer: fromSession }: { consumer: ConsumerDto }) {
  const { t } = useTranslation('app');
  const me = useMe(fromSession);
  return (
    <SubPage title={t('me.editProfile')}>
      {me.isPending ? (
        <Loading />
      ) : me.isError && !me.data ? (
        <LoadError error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <ProfileForm consumer={me.data} />
      )}
    </SubPage>
  );
}

function ProfileForm({ consumer }: { consumer: ConsumerDto }) {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const avatarUrl = Form.useWatch('avatarUrl', form) as string | undefined;
  const update = useUpdateProfile();
  const preview = avatarUrl?.trim() && PATTERNS.httpUrl.test(avatarUrl.trim()) ? avatarUrl.trim() : (consumer.avatarUrl ?? '');

  const submit = async (values: Values) => {
    try {
      await update.mutateAsync({ nickname: values.nickname.trim(), avatarUrl: values.avatarUrl.trim() || null });
      Toast.show({ icon: 'success', content: tc('saved') });
      navigate('/app/me');
    } catch (error) {
      const fields = serverFieldErrors(error, ['nickname', 'avatarUrl']);
      if (fields.length === 0) Toast.show({ icon: 'fail', content: errorMessage(error) });
      else form.setFields(fields.map((f) => ({ name: f.path, errors: [t(`profile.${String(f.path[0])}Invalid`)] })));
    }
  };

  return (
    <div className="rp-app-form">
      <div style={{ display: 'grid', placeItems: 'center', padding: '28px 0 20px' }}>
        <Avatar src={preview} style={{ '--size': '88px', '--border-radius': '10px' }} data-testid="avatar-preview" />
      </div>
      <Form
        form={form}
        layout="vertical"
        mode="card"
        requiredMarkStyle="none"
        initialValues={{ nickname: consumer.nickname, avatarUrl: consumer.avatarUrl ?? '' }}
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={update.isPending} data-testid="profile-save">
            {tc('save')}
          </Button>
        }
      >
        <Form.Item
          name="nickname"
          label={t('profile.nickname')}
          rules={[
            { required: true, whitespace: true, message: t('profile.nicknameRequired') },
            { max: LIMITS.nickname, message: t('form.tooLong', { max: LIMITS.nickname }) },
          ]}
        >
          <Input maxLength={LIMITS.nickname} clearable placeholder={t('profile.nicknamePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="avatarUrl"
          label={t('profile.avatarUrl')}
          description={t('profile.avatarUrlHelp')}
          rules={[
            { pattern: PATTERNS.httpUrl, message: t('profile.avatarUrlInvalid') },
            { max: LIMITS.url, message: t('form.tooLong', { max: LIMITS.url }) },
          ]}
        >
          <Input maxLength={LIMITS.url} clearable inputMode="url" autoCapitalize="none" autoCorrect="off" placeholder="https://" />
        </Form.Item>
      </Form>
    </div>
  );
}
