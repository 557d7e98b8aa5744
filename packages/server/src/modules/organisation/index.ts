/** The organisation module: enterprises, departments, members and their business cards. */

export { findCard } from './cards.repository.js';
export { decodeCursor, encodeCursor, splitPage } from './cursor.js';
export { listDepartments } from './departments.repository.js';
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
export {
  findMember,
  findMemberByLogin,
  findMemberInAnyEnterprise,
  listMemberDepartmentIds,
  type MemberRow,
  updateMemberPassword,
} from './members.repository.js';
export { presentCard, presentEnterprise, presentMember } from './organisation.presenter.js';
export { organisationRoutes } from './organisation.routes.js';
