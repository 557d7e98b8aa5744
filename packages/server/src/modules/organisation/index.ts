/** The organisation module: enterprises, departments, members and their business cards. */

export { decodeCursor, encodeCursor, splitPage } from './cursor.js';
export {
  countMembersOf,
  type EnterpriseRow,
  findEnterpriseByCode,
  findEnterpriseById,
  listActiveAdminAccounts,
  listActiveAdminIds,
  listActiveMemberIds,
  listEnterprises,
  lockEnterprise,
  updateEnterpriseRow,
} from './enterprises.repository.js';
export { createEnterpriseWithAdmin } from './enterprises.service.js';
export { findMember, findMemberByLogin, listMemberDepartmentIds, updateMemberPassword } from './members.repository.js';
export { presentEnterprise, presentMember } from './organisation.presenter.js';
export { organisationRoutes } from './organisation.routes.js';
