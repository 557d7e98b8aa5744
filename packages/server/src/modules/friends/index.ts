/** The friends module: consumers add each other (request / accept) and chat (Messenger is a messenger). */

export { friendRoutes } from './friends.routes.js';
export { acceptFriendRequest, declineFriendRequest, listFriendRequests, listFriends, sendFriendRequest } from './friends.service.js';
