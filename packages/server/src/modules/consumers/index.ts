/** The consumers module: Messenger accounts (个人用户) and their profiles. */

export { presentConsumer } from './consumers.presenter.js';
export { findConsumer, findConsumerByLogin, insertConsumer, normalizePhone, updateConsumerRow } from './consumers.repository.js';
export { consumerRoutes } from './consumers.routes.js';
