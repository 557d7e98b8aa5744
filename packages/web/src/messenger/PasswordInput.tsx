import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { LIMITS } from '@rapport/shared';
import { Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A password field with a show / hide eye, as phone apps have (no confirm field to type twice). */
export function PasswordInput({
  value,
  onChange,
  autoComplete,
  placeholder,
  testId,
}: {
  value?: string;
  onChange?: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation('app');
  const [visible, setVisible] = useState(false);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Input
        type={visible ? 'text' : 'password'}
        value={value}
        onChange={onChange}
        autoComplete={autoComplete}
        maxLength={LIMITS.passwordMax}
        placeholder={placeholder}
        autoCapitalize="none"
        autoCorrect="off"
        style={{ flex: 1 }}
        data-testid={testId}
      />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-label={visible ? t('form.hidePassword') : t('form.showPassword')}
        aria-pressed={visible}
        style={{ border: 0, background: 'none', padding: 4, fontSize: 18, color: '#8c8c8c', cursor: 'pointer', display: 'flex' }}
      >
        {visible ? <EyeOutlined /> : <EyeInvisibleOutlined />}
      </button>
    </div>
  );
}
