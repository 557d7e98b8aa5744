/** The quick replies module (快捷回复): the enterprise library (admins) and each member's personal library, in groups, searchable. */

export { quickReplyRoutes } from './quick-replies.routes.js';
export { searchQuickReplies } from './quick-replies.service.js';
