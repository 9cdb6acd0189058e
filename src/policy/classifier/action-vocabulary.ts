/**
 * Acts a person does with a thing, as words a vendor glues to a count (`play_count`, `skipCount`,
 * `login_count`): how often somebody did it is a usage history (docs/CORPUS.md). Taken from schema.org's
 * Action hierarchy, in our own arrangement and as the nouns and verbs keys use: ConsumeAction (ListenAction,
 * WatchAction, PlayAction), SearchAction, DownloadAction, BookmarkAction, log-ins and CheckInAction; and the
 * media players' own counters (a track skipped: MPD/MPRIS, OpenSubsonic `playCount`).
 * Not the audience's reactions (ReactAction, CommentAction, ShareAction, ViewAction: `comment_count`,
 * `like_count`, `view_count` count what *others* did with the owner's post), and not acts whose "number" is an
 * identifier (an order number, a call number, a message number).
 */
export const ACTION_WORDS: readonly string[] = [
  'play', 'plays', 'played', 'skip', 'skips', 'skipped', 'listen', 'listens', 'listened', 'watch', 'watched',
  'search', 'searches', 'download', 'downloads', 'bookmark', 'bookmarks', 'login', 'logins', 'checkin', 'checkins',
];
