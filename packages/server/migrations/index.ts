import type { Migration } from 'kysely';
import * as foundation from './20261123_0001_foundation.js';
import * as organisationUniques from './20261123_0002_organisation_uniques.js';
import * as chat from './20261123_0003_chat.js';
import * as customers from './20261123_0004_customers.js';
import * as welcome from './20261123_0005_welcome.js';
import * as tagsQuickReplies from './20261123_0006_tags_quick_replies.js';
import * as contactWays from './20261123_0007_contact_ways.js';
import * as files from './20261123_0008_files.js';
import * as filesKept from './20261123_0009_files_kept.js';
import * as userEventRefs from './20261123_0010_user_event_refs.js';

/** Every migration in order. Never edit one that has been merged: add a new file. */
export const migrations: Record<string, Migration> = {
  '20261123_0001_foundation': foundation,
  '20261123_0002_organisation_uniques': organisationUniques,
  '20261123_0003_chat': chat,
  '20261123_0004_customers': customers,
  '20261123_0005_welcome': welcome,
  '20261123_0006_tags_quick_replies': tagsQuickReplies,
  '20261123_0007_contact_ways': contactWays,
  '20261123_0008_files': files,
  '20261123_0009_files_kept': filesKept,
  '20261123_0010_user_event_refs': userEventRefs,
};
