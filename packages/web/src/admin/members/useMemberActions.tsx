import type { MemberDto } from '@rapport/shared';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../common/i18n';
import { type MemberAction, useMemberAction } from '../hooks';

/** Disable / enable / resign a member after a confirmation that says what will happen. */
export function useMemberActions() {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const action = useMemberAction();

  return (member: MemberDto, kind: MemberAction) => {
    modal.confirm({
      title: t(`memberActions.${kind}.title`, { name: member.name }),
      content: t(`memberActions.${kind}.content`),
      okText: t(`memberActions.${kind}.ok`),
      okButtonProps: { danger: kind !== 'enable' },
      cancelText: t('common:cancel'),
      onOk: async () => {
        try {
          await action.mutateAsync({ id: member.id, action: kind });
          message.success(t(`memberActions.${kind}.done`, { name: member.name }));
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });
  };
}
