// Facebook's mail servers answer with a code from their postmaster page,
// "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?...".
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';

const CODE = /\b((?:rcp|pol|msg|dns|con|int)-[pt]\d)\b/;

const CODES: Record<string, Reason> = {
  'rcp-p1': 'userunknown',
  'int-p1': 'userunknown',
  'int-p3': 'userunknown',
  'int-p4': 'userunknown', // no such address / group
  'rcp-p2': 'filtered',
  'rcp-p3': 'filtered', // the recipient's preferences or privacy settings
  'rcp-t1': 'systemerror',
  'rcp-t4': 'suspend', // internal issue; address deactivated
  'pol-p1': 'blocked',
  'pol-p2': 'blocked',
  'pol-p3': 'blocked',
  'pol-p4': 'blocked',
  'pol-t1': 'blocked',
  'pol-t2': 'blocked',
  'pol-t3': 'blocked',
  'pol-p5': 'virusdetected',
  'pol-p6': 'spamdetected',
  'pol-p7': 'authfailure',
  'msg-p1': 'mesgtoobig',
  'int-p2': 'mesgtoobig',
  'msg-p2': 'contenterror',
  'msg-p3': 'notcompliantrfc',
  'dns-p1': 'rejected',
  'dns-p2': 'rejected',
  'dns-t1': 'rejected', // the MAIL FROM domain does not resolve
  'dns-p3': 'requireptr',
  'dns-t2': 'requireptr',
  'con-t1': 'toomanyconn',
  'con-t2': 'toomanyconn',
  'con-t3': 'toomanyconn',
  'con-t4': 'toomanyconn',
  'msg-t1': 'toomanyconn',
};

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['facebook.com', 'facebookmail.com'];

export const facebook: Provider = {
  name: 'facebook',
  is: (a) => under(a.host, HOSTS) || a.text.includes('postmaster.facebook.com') || a.domain === 'facebook.com',
  reason: (a) => CODES[CODE.exec(a.text)?.[1] ?? ''] ?? null,
};
