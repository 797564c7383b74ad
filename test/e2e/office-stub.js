/* global window, document */
/**
 * Outlook host stand-in (documented Office.js contract), served in place of
 * https://appsforoffice.microsoft.com/lib/1/hosted/office.js by the end-to-end tests (route interception).
 *
 * Only what Microsoft documents for an Outlook mail add-in, nothing the pane could lean on by accident:
 * - Office.onReady(callback?) → Promise<{ host: "Outlook", platform }>, callback and promise both fire once the
 *   "host" is ready (asynchronously, after the DOM is loaded); Office.initialize is honoured the same way.
 * - Office.context.displayLanguage ("fr-FR"...), Office.context.roamingSettings (get/set/remove/saveAsync).
 * - Office.context.mailbox.item: itemType "message"; in compose mode body.getTypeAsync(options?, callback) →
 *   AsyncResult { status, value: "html" | "text" }, body.setSelectedDataAsync(data, options?, callback?) with
 *   options.coercionType Office.CoercionType.Html / Text; Html into a plain-text body fails with
 *   InvalidFormatError, data over 1,000,000 characters with DataExceedsMaximumSize. In read mode the body has
 *   no setter (as in Outlook).
 * - In read mode, mailbox.displayNewMessageForm({ htmlBody, subject, ... }) (Mailbox 1.6; htmlBody over 32 KB
 *   throws, as Outlook refuses it).
 * - Office.context.requirements.isSetSupported("Mailbox", version): true up to cfg.mailbox (default "1.8").
 * - mailbox.masterCategories (Mailbox 1.8 only): getAsync, addAsync (DuplicateCategory for a name that exists,
 *   compared without case), removeAsync (an unknown name fails).
 * - mailbox.userProfile.emailAddress (cfg.email).
 * - Office.AsyncResultStatus, Office.CoercionType, Office.MailboxEnums.ItemType / CategoryColor, Office.HostType.
 * - Office.context.ui.displayDialogAsync(url, options?, callback) (Dialog API 1.1): the URL must be https (12005)
 *   on the host page's origin (12004); one dialog at a time (12007). The dialog is not rendered: the test plays
 *   its page through record.dialogs[i] = { url, messageParent(text), closeByUser() }, which raise
 *   Office.EventType.DialogMessageReceived { message, origin } and DialogEventReceived { error: 12006 } on the
 *   handlers the pane added; dialog.close() ends it.
 * - In a dialog's page (cfg.dialog), Office.context.ui.messageParent(message) (Dialog API 1.1): recorded in
 *   record.toParent and handed to window.__officeStubToParent(message) when the test bound one (it relays the
 *   message to the pane's dialogs[i].messageParent, as Office carries it to the host page).
 *
 * Configuration: window.__officeStubConfig = { displayLanguage, mode: "compose" | "read", bodyType: "html" | "text",
 * mailbox: "1.8", email, categories: [{ displayName, color }], dialog: true in a dialog's page } set just before
 * this script. What the pane did is
 * recorded in window.__officeStub: { calls, inserted, body, newMessages, categories }.
 */
(function () {
  var cfg = window.__officeStubConfig || {};
  var bodyType = cfg.bodyType === 'text' ? 'text' : 'html';
  var mailboxVersion = Number(cfg.mailbox || '1.8');
  var record = {
    calls: [],
    inserted: [],
    body: '',
    newMessages: [],
    categories: (cfg.categories || []).slice(),
    dialogs: [],
    toParent: [],
  };
  window.__officeStub = record;

  var AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' };
  var CoercionType = { Html: 'html', Text: 'text', Matrix: 'matrix', Table: 'table', Ooxml: 'ooxml' };

  function asyncResult(status, value, error, asyncContext) {
    return { status: status, value: value, error: error, asyncContext: asyncContext, diagnostics: undefined };
  }
  function officeError(code, name, message) {
    return { code: code, name: name, message: message };
  }
  // Office.js methods take (options?, callback?) in either position: normalise like the real library does.
  function split(args) {
    var options = {};
    var callback;
    for (var i = 0; i < args.length; i++) {
      if (typeof args[i] === 'function') callback = args[i];
      else if (args[i] && typeof args[i] === 'object') options = args[i];
    }
    return { options: options, callback: callback };
  }
  function later(callback, result) {
    if (typeof callback === 'function')
      setTimeout(function () {
        callback(result);
      }, 5);
  }

  var body = {
    getTypeAsync: function () {
      var a = split(arguments);
      record.calls.push({ method: 'body.getTypeAsync' });
      later(a.callback, asyncResult(AsyncResultStatus.Succeeded, bodyType, undefined, a.options.asyncContext));
    },
  };
  if (cfg.mode !== 'read') {
    body.setSelectedDataAsync = function (data) {
      var a = split(Array.prototype.slice.call(arguments, 1));
      var coercion = a.options.coercionType === undefined ? CoercionType.Text : String(a.options.coercionType);
      record.calls.push({ method: 'body.setSelectedDataAsync', coercionType: coercion });
      if (typeof data !== 'string') {
        throw new Error('Sys.ArgumentTypeException: data must be a string');
      }
      if (data.length > 1000000) {
        return later(
          a.callback,
          asyncResult(
            AsyncResultStatus.Failed,
            undefined,
            officeError(1000, 'DataExceedsMaximumSize', 'The data is longer than 1,000,000 characters.'),
            a.options.asyncContext,
          ),
        );
      }
      if (coercion === CoercionType.Html && bodyType === 'text') {
        return later(
          a.callback,
          asyncResult(
            AsyncResultStatus.Failed,
            undefined,
            officeError(1000, 'InvalidFormatError', 'The format of the specified data object is invalid.'),
            a.options.asyncContext,
          ),
        );
      }
      if (coercion !== CoercionType.Html && coercion !== CoercionType.Text) {
        return later(
          a.callback,
          asyncResult(
            AsyncResultStatus.Failed,
            undefined,
            officeError(1000, 'InvalidFormatError', 'The format of the specified data object is invalid.'),
            a.options.asyncContext,
          ),
        );
      }
      record.inserted.push({ data: data, coercionType: coercion });
      record.body += data;
      later(a.callback, asyncResult(AsyncResultStatus.Succeeded, undefined, undefined, a.options.asyncContext));
    };
  }

  var settings = {};
  var roamingSettings = {
    get: function (name) {
      return settings[name];
    },
    set: function (name, value) {
      record.calls.push({ method: 'roamingSettings.set', name: name });
      settings[name] = value;
    },
    remove: function (name) {
      delete settings[name];
    },
    saveAsync: function () {
      var a = split(arguments);
      record.calls.push({ method: 'roamingSettings.saveAsync', settings: JSON.parse(JSON.stringify(settings)) });
      later(a.callback, asyncResult(AsyncResultStatus.Succeeded, undefined, undefined, a.options.asyncContext));
    },
  };

  var categoryColors = { None: 'None' };
  for (var p = 0; p <= 24; p++) categoryColors['Preset' + p] = 'Preset' + p;
  var masterCategories = {
    getAsync: function () {
      var a = split(arguments);
      record.calls.push({ method: 'masterCategories.getAsync' });
      later(
        a.callback,
        asyncResult(
          AsyncResultStatus.Succeeded,
          JSON.parse(JSON.stringify(record.categories)),
          undefined,
          a.options.asyncContext,
        ),
      );
    },
    addAsync: function (list) {
      var a = split(Array.prototype.slice.call(arguments, 1));
      record.calls.push({ method: 'masterCategories.addAsync' });
      for (var i = 0; i < list.length; i++) {
        var name = String(list[i].displayName).toLowerCase();
        for (var j = 0; j < record.categories.length; j++) {
          if (record.categories[j].displayName.toLowerCase() === name) {
            return later(
              a.callback,
              asyncResult(
                AsyncResultStatus.Failed,
                undefined,
                officeError(9054, 'DuplicateCategory', 'The category already exists.'),
                a.options.asyncContext,
              ),
            );
          }
        }
      }
      for (var k = 0; k < list.length; k++)
        record.categories.push({ displayName: list[k].displayName, color: list[k].color });
      later(a.callback, asyncResult(AsyncResultStatus.Succeeded, undefined, undefined, a.options.asyncContext));
    },
    removeAsync: function (names) {
      var a = split(Array.prototype.slice.call(arguments, 1));
      record.calls.push({ method: 'masterCategories.removeAsync' });
      var kept = record.categories.filter(function (c) {
        return names.indexOf(c.displayName) < 0;
      });
      if (kept.length + names.length !== record.categories.length) {
        return later(
          a.callback,
          asyncResult(
            AsyncResultStatus.Failed,
            undefined,
            officeError(9051, 'CategoryNotFound', 'The category does not exist.'),
            a.options.asyncContext,
          ),
        );
      }
      record.categories = kept;
      later(a.callback, asyncResult(AsyncResultStatus.Succeeded, undefined, undefined, a.options.asyncContext));
    },
  };

  var mailbox = { item: { itemType: 'message', body: body }, userProfile: { emailAddress: cfg.email || '' } };
  if (mailboxVersion >= 1.8) mailbox.masterCategories = masterCategories;
  if (cfg.mode === 'read') {
    mailbox.displayNewMessageForm = function (form) {
      record.calls.push({ method: 'displayNewMessageForm' });
      if (form && form.htmlBody && form.htmlBody.length > 32768) {
        throw new Error('Sys.ArgumentOutOfRangeException: htmlBody is longer than 32 KB');
      }
      record.newMessages.push(JSON.parse(JSON.stringify(form || {})));
    };
  }

  var EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
  var openDialog;
  var ui = {
    displayDialogAsync: function (url, options, callback) {
      if (typeof options === 'function') callback = options;
      record.calls.push('displayDialogAsync');
      var target;
      try {
        target = new URL(url);
      } catch {
        target = undefined;
      }
      var fail = function (code, name, message) {
        if (callback) callback(asyncResult(AsyncResultStatus.Failed, undefined, officeError(code, name, message)));
      };
      if (!target || target.protocol !== 'https:') return fail(12005, 'Dialog', 'The URL must use HTTPS.');
      if (target.origin !== window.location.origin) return fail(12004, 'Dialog', 'The domain is not trusted.');
      if (openDialog) return fail(12007, 'Dialog', 'A dialog box is already opened from this host window.');
      var handlers = {};
      var dialog = {
        addEventHandler: function (type, handler) {
          handlers[type] = handler;
        },
        close: function () {
          if (openDialog === dialog) openDialog = undefined;
          played.closed = true;
        },
      };
      var played = {
        url: url,
        closed: false,
        messageParent: function (text) {
          if (handlers[EventType.DialogMessageReceived])
            handlers[EventType.DialogMessageReceived]({
              type: EventType.DialogMessageReceived,
              message: String(text),
              origin: target.origin,
            });
        },
        closeByUser: function () {
          openDialog = undefined;
          played.closed = true;
          if (handlers[EventType.DialogEventReceived])
            handlers[EventType.DialogEventReceived]({ type: EventType.DialogEventReceived, error: 12006 });
        },
      };
      openDialog = dialog;
      record.dialogs.push(played);
      setTimeout(function () {
        if (callback) callback(asyncResult(AsyncResultStatus.Succeeded, dialog));
      }, 0);
    },
  };

  if (cfg.dialog) {
    ui.messageParent = function (message) {
      record.calls.push({ method: 'messageParent' });
      record.toParent.push(String(message));
      if (typeof window.__officeStubToParent === 'function') window.__officeStubToParent(String(message));
    };
  }

  var info = { host: 'Outlook', platform: 'OfficeOnline' };
  var ready = new Promise(function (resolve) {
    function go() {
      setTimeout(function () {
        resolve(info);
      }, 10);
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go);
    else go();
  });

  var Office = {
    AsyncResultStatus: AsyncResultStatus,
    CoercionType: CoercionType,
    EventType: EventType,
    HostType: { Outlook: 'Outlook' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    MailboxEnums: { ItemType: { Message: 'message', Appointment: 'appointment' }, CategoryColor: categoryColors },
    context: {
      displayLanguage: cfg.displayLanguage || 'en-US',
      contentLanguage: cfg.displayLanguage || 'en-US',
      roamingSettings: roamingSettings,
      requirements: {
        isSetSupported: function (name, version) {
          return name === 'Mailbox' && Number(version || '1.1') <= mailboxVersion;
        },
      },
      mailbox: mailbox,
      ui: ui,
    },
    onReady: function (callback) {
      return ready.then(function (i) {
        if (typeof callback === 'function') callback(i);
        return i;
      });
    },
    initialize: undefined,
  };
  ready.then(function (i) {
    if (typeof Office.initialize === 'function') Office.initialize(i);
  });
  window.Office = Office;
})();
