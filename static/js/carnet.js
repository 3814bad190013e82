/* The carnet's entry form: autosave while typing, to the server (a draft per person) and to
   a copy in this browser's localStorage. When the server cannot take the draft (session
   expired, network lost), the local copy is kept and restored the next time the form is
   opened, after signing in again. The form works without JavaScript (no autosave then). */
(function () {
  "use strict";

  var PREFIX = "transfo:carnet:";
  // The entry form's fields; another form (a personal bilan) names its own in
  // data-carnet-fields.
  var FIELDS = ["transfo", "date", "session", "titre", "texte", "humeur"];
  var DELAY = 1000;

  function storageKey(user, key) {
    return PREFIX + user + ":" + key;
  }

  function readLocal(name) {
    try {
      return JSON.parse(window.localStorage.getItem(name));
    } catch (error) {
      return null;
    }
  }

  function writeLocal(name, value) {
    try {
      window.localStorage.setItem(name, JSON.stringify(value));
    } catch (error) {
      /* Storage full or disabled: the server draft still works. */
    }
  }

  function removeLocal(name) {
    try {
      window.localStorage.removeItem(name);
    } catch (error) {
      /* Nothing to remove. */
    }
  }

  // The page after a successful save names the draft the browser may now forget.
  document.querySelectorAll("[data-carnet-clear]").forEach(function (element) {
    removeLocal(storageKey(element.dataset.carnetUser, element.dataset.carnetClear));
  });

  var form = document.querySelector("form[data-carnet-draft]");
  if (!form) {
    return;
  }
  if (form.dataset.carnetFields) {
    FIELDS = form.dataset.carnetFields.split(" ");
  }
  var key = storageKey(form.dataset.carnetUser, form.dataset.carnetDraft);
  var status = document.getElementById("draft-status");
  var timer = null;

  function values() {
    var result = {};
    FIELDS.forEach(function (name) {
      var element = form.elements[name];
      if (element) {
        result[name] = element.value;
      }
    });
    return result;
  }

  function same(a, b) {
    return FIELDS.every(function (name) {
      return (a[name] || "") === (b[name] || "");
    });
  }

  function fill(saved) {
    FIELDS.forEach(function (name) {
      var element = form.elements[name];
      if (element && typeof saved[name] === "string") {
        element.value = saved[name];
      }
    });
  }

  function say(text, withLogin) {
    status.textContent = text;
    if (withLogin) {
      var link = document.createElement("a");
      link.href = form.dataset.loginUrl;
      link.textContent = " Se reconnecter";
      status.appendChild(link);
    }
  }

  function save() {
    var sent = values();
    var body = new FormData();
    body.append("cle", form.dataset.carnetDraft);
    FIELDS.forEach(function (name) {
      body.append(name, sent[name] || "");
    });
    var token = form.elements.csrfmiddlewaretoken.value;
    window
      .fetch(form.dataset.draftUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": token, Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual"
      })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("not saved");
        }
        return response.json().then(function (data) {
          if (!response.ok) {
            // Refused with a reason (a text too long for the server): say it.
            var refusal = new Error("refused");
            refusal.said = data.message;
            throw refusal;
          }
          return data;
        });
      })
      .then(function (data) {
        if (same(values(), sent)) {
          writeLocal(key, { values: sent, dirty: false, at: Date.now() });
        }
        say(data.message, false);
      })
      .catch(function (error) {
        say(
          error.said ||
            "Brouillon non enregistré sur le serveur (session expirée ?) : votre texte est gardé sur cet appareil et sera restauré quand vous reviendrez sur ce formulaire.",
          true
        );
      });
  }

  function changed() {
    writeLocal(key, { values: values(), dirty: true, at: Date.now() });
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  }

  // A local copy the server never received wins over what the page was rendered with.
  var local = readLocal(key);
  if (local && local.dirty && local.values && !same(local.values, values())) {
    fill(local.values);
    document.getElementById("draft-restored").hidden = false;
    timer = window.setTimeout(save, 0);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
})();
