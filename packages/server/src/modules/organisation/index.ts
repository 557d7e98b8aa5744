/** The organisation module: enterprises, departments, members and their business cards. */

export { findEnterpriseByCode, findEnterpriseById } from './enterprises.repository.js';
export { createEnterpriseWithAdmin } from './enterprises.service.js';
export { findMember, findMemberByLogin, listMemberDepartmentIds, updateMemberPassword } from './members.repository.js';
export { presentEnterprise, presentMember } from './organisation.presenter.js';
