/*
 * Ampulla card viewer.
 *
 * Sends a CDS Hooks 2.0 call to this Ampulla as an EHR would (hookInstance, context, prefetch built from the
 * discovery templates and an example patient's Bundle, or a fhirServer to fetch from), shows the cards the way an
 * EHR shows them, and sends feedback when a suggestion is accepted or a card is dismissed.
 *
 * Safety rule for this file: text that comes from a response (card summaries, Markdown detail, labels, error
 * diagnostics) only ever reaches the page through textContent, text nodes or attribute values set with
 * setAttribute; it is never parsed as HTML. The page's Content-Security-Policy forbids inline scripts and styles as
 * a second line of defence. Links are created only for absolute http and https URLs.
 *
 * Plain ES2020, no libraries, no build step.
 */
(function () {
  "use strict";

  const USER_ID = "Practitioner/example-clinician";
  const STAGE_EXTENSION = "dev.ampulla.stage";
  const RULES_EXTENSION = "dev.ampulla.rules";
  const ORDER_HOOKS = new Set(["order-select", "order-sign"]);

  // ---------------------------------------------------------------------------------------------------------------
  // DOM helpers
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Creates an element. props: "class", "text" (textContent), "dataset" (object) or any other attribute name;
   * children are nodes or strings (strings become text nodes). Event handlers are never set through here.
   */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [name, value] of Object.entries(props)) {
        if (value === null || value === undefined || value === false) {
          continue;
        }
        if (name === "class") {
          node.className = value;
        } else if (name === "text") {
          node.textContent = value;
        } else if (name === "dataset") {
          Object.assign(node.dataset, value);
        } else if (/^on/i.test(name)) {
          throw new Error("event handlers are attached with addEventListener, not as attributes");
        } else {
          node.setAttribute(name, value === true ? "" : String(value));
        }
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child);
      }
    }
    return node;
  }

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  /** The URL if it is an absolute http or https URL (as the browser parses it), else null. */
  function safeHttpUrl(raw) {
    if (typeof raw !== "string") {
      return null;
    }
    let url;
    try {
      url = new URL(raw); // relative URLs throw: a card has no business linking into this page
    } catch (e) {
      return null;
    }
    // Decide on the parsed URL and use its serialisation, so what was checked is what the browser follows.
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  }

  function externalLink(href, ...children) {
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, ...children);
  }

  function prettyJson(value) {
    return JSON.stringify(value, null, 2);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Markdown: the subset Ampulla writes (and the usual CDS Hooks card Markdown), rendered to DOM nodes.
  //
  // Blocks: paragraphs, ATX headings, ordered and unordered lists, blockquotes, pipe tables, fenced code, rules.
  // Inline: **strong**, *em*, `code`, backslash escapes, the entities Ampulla's escaper writes (&lt; &gt; &amp;) and
  // numeric ones, [links](https://…) and <https://…>. Raw HTML is not interpreted: it is shown as the text it is.
  // Images are shown as their alt text. Links to anything but http(s) keep their text and lose the link.
  // ---------------------------------------------------------------------------------------------------------------

  const Markdown = (function () {
    const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
    const MAX_BLOCK_DEPTH = 6; // nested blockquotes deeper than this are shown flat
    const MAX_INLINE_DEPTH = 8; // nested emphasis deeper than this is shown as literal text
    // Closing delimiters are looked for this far ahead at most, and only this much source is rendered: without the
    // bounds, text full of unmatched [ or * would take quadratic time and could freeze the page.
    const MAX_SCAN = 1000;
    const MAX_SOURCE = 50000;
    const NAMED_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

    const isBlank = (line) => /^\s*$/.test(line);
    const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
    const FENCE = /^ {0,3}(`{3,}|~{3,})/;
    const QUOTE = /^ {0,3}>/;
    const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
    const ORDERED_ITEM = /^ {0,3}(\d{1,9})[.)]\s+(\S.*)$/;
    const BULLET_ITEM = /^ {0,3}[-*+]\s+(\S.*)$/;
    const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

    function isTableStart(lines, i) {
      return i + 1 < lines.length && lines[i].includes("|") && lines[i + 1].includes("|")
        && TABLE_SEPARATOR.test(lines[i + 1]);
    }

    /**
     * True when the line begins a block that ends a paragraph in progress. As in CommonMark, only an ordered list
     * starting at 1 does, so a line such as "2025. The year…" stays part of its paragraph.
     */
    function startsBlock(lines, i) {
      const line = lines[i];
      const ordered = ORDERED_ITEM.exec(line);
      return HEADING.test(line) || FENCE.test(line) || QUOTE.test(line) || RULE.test(line)
        || (ordered !== null && ordered[1] === "1") || BULLET_ITEM.test(line) || isTableStart(lines, i);
    }

    function render(source) {
      const fragment = document.createDocumentFragment();
      let text = String(source === null || source === undefined ? "" : source);
      const cut = text.length > MAX_SOURCE ? text.length - MAX_SOURCE : 0;
      if (cut > 0) {
        text = text.slice(0, MAX_SOURCE);
      }
      renderBlocks(text.replace(/\r\n?/g, "\n").split("\n"), fragment, 0);
      if (cut > 0) {
        fragment.append(el("p", { class: "md-truncated", text: "(" + cut + " more characters not shown here: see the"
          + " hook response.)" }));
      }
      return fragment;
    }

    function renderBlocks(lines, parent, depth) {
      let i = 0;
      while (i < lines.length) {
        const line = lines[i];
        let m;
        if (isBlank(line)) {
          i++;
        } else if ((m = FENCE.exec(line))) {
          const fence = m[1];
          const body = [];
          i++;
          while (i < lines.length && !lines[i].trim().startsWith(fence)) {
            body.push(lines[i]);
            i++;
          }
          i++; // the closing fence, if any
          parent.append(el("pre", null, el("code", { text: body.join("\n") })));
        } else if ((m = HEADING.exec(line))) {
          // Card headings sit below the card's own summary heading: # becomes h4, ## h5, the rest h6.
          const level = Math.min(m[1].length + 3, 6);
          const heading = el("h" + level, { class: "md-heading" });
          renderInline(m[2] || "", heading, 0, false);
          parent.append(heading);
          i++;
        } else if (QUOTE.test(line)) {
          const inner = [];
          while (i < lines.length && QUOTE.test(lines[i])) {
            inner.push(lines[i].replace(/^ {0,3}> ?/, ""));
            i++;
          }
          const quote = el("blockquote");
          if (depth < MAX_BLOCK_DEPTH) {
            renderBlocks(inner, quote, depth + 1);
          } else {
            paragraph(inner.join(" "), quote);
          }
          parent.append(quote);
        } else if (isTableStart(lines, i)) {
          i = table(lines, i, parent);
        } else if (RULE.test(line)) {
          parent.append(el("hr"));
          i++;
        } else if (ORDERED_ITEM.test(line) || BULLET_ITEM.test(line)) {
          i = list(lines, i, parent);
        } else {
          const text = [line];
          i++;
          while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i)) {
            text.push(lines[i]);
            i++;
          }
          paragraph(text.join("\n"), parent);
        }
      }
    }

    function paragraph(text, parent) {
      const p = el("p");
      renderInline(text.trim().replace(/\s*\n\s*/g, " "), p, 0, false);
      parent.append(p);
    }

    /** A list of one kind (ordered or not); items end at a blank line or at an item marker of the other kind. */
    function list(lines, i, parent) {
      const ordered = ORDERED_ITEM.test(lines[i]);
      const marker = ordered ? ORDERED_ITEM : BULLET_ITEM;
      const listNode = el(ordered ? "ol" : "ul");
      if (ordered) {
        const start = parseInt(ORDERED_ITEM.exec(lines[i])[1], 10);
        if (start !== 1) {
          listNode.setAttribute("start", String(start));
        }
      }
      while (i < lines.length) {
        const m = marker.exec(lines[i]);
        if (!m) {
          break;
        }
        const text = [ordered ? m[2] : m[1]];
        i++;
        // Continuation lines: indented text that is not a new item.
        while (i < lines.length && !isBlank(lines[i]) && !marker.test(lines[i]) && /^\s{2,}\S/.test(lines[i])) {
          text.push(lines[i]);
          i++;
        }
        const item = el("li");
        renderInline(text.join(" ").trim().replace(/\s+/g, " "), item, 0, false);
        listNode.append(item);
        // A blank line followed by another item of the same list keeps the list going.
        let next = i;
        while (next < lines.length && isBlank(lines[next])) {
          next++;
        }
        if (next > i && next < lines.length && marker.test(lines[next])) {
          i = next;
        }
      }
      parent.append(listNode);
      return i;
    }

    function table(lines, i, parent) {
      const header = splitRow(lines[i]);
      const alignments = splitRow(lines[i + 1]).map((cell) => {
        const c = cell.trim();
        if (c.startsWith(":") && c.endsWith(":")) {
          return "center";
        }
        return c.endsWith(":") ? "right" : c.startsWith(":") ? "left" : null;
      });
      i += 2;
      const tableNode = el("table");
      const headRow = el("tr");
      header.forEach((cell, k) => headRow.append(tableCell("th", cell, alignments[k])));
      tableNode.append(el("thead", null, headRow));
      const body = el("tbody");
      while (i < lines.length && !isBlank(lines[i]) && lines[i].includes("|")) {
        const cells = splitRow(lines[i]);
        const row = el("tr");
        for (let k = 0; k < header.length; k++) {
          row.append(tableCell("td", cells[k] || "", alignments[k]));
        }
        body.append(row);
        i++;
      }
      tableNode.append(body);
      // The wrapper scrolls sideways on narrow screens instead of squeezing the columns.
      parent.append(el("div", { class: "table-wrap", tabindex: "0" }, tableNode));
      return i;
    }

    function tableCell(tag, text, alignment) {
      const cell = el(tag, { class: alignment ? "align-" + alignment : null, scope: tag === "th" ? "col" : null });
      renderInline(text.trim(), cell, 0, false);
      return cell;
    }

    /** Splits a table row on pipes that are neither backslash-escaped nor inside a code span. */
    function splitRow(line) {
      let row = line.trim();
      if (row.startsWith("|")) {
        row = row.slice(1);
      }
      const cells = [];
      let current = "";
      for (let i = 0; i < row.length; i++) {
        const c = row[i];
        if (c === "\\" && i + 1 < row.length) {
          current += c + row[i + 1]; // the escape is kept: the inline renderer resolves it
          i++;
        } else if (c === "`") {
          const run = runLength(row, i, "`");
          const close = findCodeClose(row, i + run, run);
          const end = close >= 0 ? close + run : i + run;
          current += row.slice(i, end);
          i = end - 1;
        } else if (c === "|") {
          cells.push(current);
          current = "";
        } else {
          current += c;
        }
      }
      if (current.trim() !== "" || !row.trimEnd().endsWith("|")) {
        cells.push(current);
      }
      return cells;
    }

    // ---- Inline ---------------------------------------------------------------------------------------------

    function runLength(text, i, ch) {
      let n = 0;
      while (text[i + n] === ch) {
        n++;
      }
      return n;
    }

    /** Index of a backtick run of exactly `length` at or after `from` (within MAX_SCAN), or -1. */
    function findCodeClose(text, from, length) {
      const end = Math.min(text.length, from + MAX_SCAN);
      for (let j = from; j < end; j++) {
        if (text[j] === "`") {
          const run = runLength(text, j, "`");
          if (run === length) {
            return j;
          }
          j += run - 1;
        }
      }
      return -1;
    }

    const isSpace = (ch) => ch === undefined || /\s/.test(ch);
    const isWordChar = (ch) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

    /**
     * Where the emphasis opened at `from` closes: the next `delim` (skipping escapes and code spans) that follows a
     * non-space character; a single * or _ must not be part of a longer run. -1 when it does not close within
     * MAX_SCAN characters.
     */
    function findDelimiter(text, from, delim) {
      const ch = delim[0];
      const end = Math.min(text.length, from + MAX_SCAN);
      for (let j = from; j < end; j++) {
        const c = text[j];
        if (c === "\\") {
          j++;
        } else if (c === "`") {
          const run = runLength(text, j, "`");
          const close = findCodeClose(text, j + run, run);
          j = (close >= 0 ? close + run : j + run) - 1;
        } else if (c === ch) {
          const run = runLength(text, j, ch);
          const fits = delim.length === 1 ? run === 1 : run >= delim.length;
          if (fits && j > from && !isSpace(text[j - 1]) && (ch !== "_" || !isWordChar(text[j + run]))) {
            return j;
          }
          j += run - 1;
        }
      }
      return -1;
    }

    /** Emphasis opening at i: {node, end} or null when the delimiter run is literal text. */
    function emphasisAt(text, i, depth, inLink) {
      const ch = text[i];
      const run = runLength(text, i, ch);
      if (ch === "_" && isWordChar(text[i - 1])) {
        return null; // snake_case words are not emphasis
      }
      for (const width of run >= 3 ? [3, 2, 1] : run === 2 ? [2, 1] : [1]) {
        // The opener is the last `width` characters of the run; any before it are literal text.
        const start = i + run - width;
        const contentStart = i + run;
        if (isSpace(text[contentStart])) {
          continue;
        }
        const close = findDelimiter(text, contentStart, ch.repeat(width));
        if (close < 0) {
          continue;
        }
        const inner = text.slice(contentStart, close);
        let node;
        if (width === 3) {
          const em = el("em");
          renderInline(inner, em, depth + 1, inLink);
          node = el("strong", null, em);
        } else {
          node = el(width === 2 ? "strong" : "em");
          renderInline(inner, node, depth + 1, inLink);
        }
        return { node: node, end: close + width, literalPrefix: text.slice(i, start) };
      }
      return null;
    }

    /** Decodes an entity reference at i: {text, length} or null. */
    function entityAt(text, i) {
      const m = /^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/.exec(text.slice(i, i + 40));
      if (!m) {
        return null;
      }
      if (m[3] !== undefined) {
        const named = NAMED_ENTITIES[m[3]];
        return named === undefined ? null : { text: named, length: m[0].length };
      }
      const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2], 16);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return { text: valid ? String.fromCodePoint(code) : "\ufffd", length: m[0].length };
    }

    /** Removes backslash escapes and decodes entities (for link destinations). */
    function unescapeText(text) {
      let out = "";
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "\\" && ASCII_PUNCTUATION.test(text[i + 1] || "")) {
          out += text[i + 1];
          i++;
        } else if (text[i] === "&" && entityAt(text, i)) {
          const entity = entityAt(text, i);
          out += entity.text;
          i += entity.length - 1;
        } else {
          out += text[i];
        }
      }
      return out;
    }

    /** Index of ch at or after `from` within MAX_SCAN characters, or -1. */
    function indexWithin(text, ch, from) {
      const at = text.slice(from, from + MAX_SCAN).indexOf(ch);
      return at < 0 ? -1 : from + at;
    }

    /** An inline link `[label](destination "title")` starting at the `[` at i: {label, url, end} or null. */
    function linkAt(text, i) {
      let depth = 0;
      let close = -1;
      const labelEnd = Math.min(text.length, i + MAX_SCAN);
      for (let j = i; j < labelEnd; j++) {
        const c = text[j];
        if (c === "\\") {
          j++;
        } else if (c === "`") {
          const run = runLength(text, j, "`");
          const codeClose = findCodeClose(text, j + run, run);
          j = (codeClose >= 0 ? codeClose + run : j + run) - 1;
        } else if (c === "[") {
          depth++;
        } else if (c === "]") {
          depth--;
          if (depth === 0) {
            close = j;
            break;
          }
        }
      }
      if (close < 0 || text[close + 1] !== "(") {
        return null;
      }
      let j = close + 2;
      while (text[j] === " ") {
        j++;
      }
      let destination = "";
      if (text[j] === "<") {
        const end = indexWithin(text, ">", j + 1);
        if (end < 0) {
          return null;
        }
        destination = text.slice(j + 1, end);
        j = end + 1;
      } else {
        let parens = 0;
        const start = j;
        const destinationEnd = Math.min(text.length, j + MAX_SCAN);
        for (; j < destinationEnd; j++) {
          const c = text[j];
          if (c === "\\") {
            j++;
          } else if (c === "(") {
            parens++;
          } else if (c === ")") {
            if (parens === 0) {
              break;
            }
            parens--;
          } else if (/\s/.test(c)) {
            break;
          }
        }
        destination = text.slice(start, j);
      }
      while (text[j] === " ") {
        j++;
      }
      if (text[j] === "\"" || text[j] === "'") { // an optional title, which is not shown
        const end = indexWithin(text, text[j], j + 1);
        if (end < 0) {
          return null;
        }
        j = end + 1;
        while (text[j] === " ") {
          j++;
        }
      }
      if (text[j] !== ")") {
        return null;
      }
      return { label: text.slice(i + 1, close), url: unescapeText(destination), end: j + 1 };
    }

    /**
     * Renders inline Markdown into parent as text nodes and the few elements listed above. Inside a link no further
     * link is made (inLink), as HTML forbids nested anchors.
     */
    function renderInline(text, parent, depth, inLink) {
      let buffer = "";
      const flush = () => {
        if (buffer) {
          parent.append(document.createTextNode(buffer));
          buffer = "";
        }
      };
      let i = 0;
      while (i < text.length) {
        const c = text[i];
        if (c === "\\" && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1])) {
          buffer += text[i + 1];
          i += 2;
          continue;
        }
        if (c === "&") {
          const entity = entityAt(text, i);
          if (entity) {
            buffer += entity.text;
            i += entity.length;
            continue;
          }
        }
        if (c === "`") {
          const run = runLength(text, i, "`");
          const close = findCodeClose(text, i + run, run);
          if (close >= 0) {
            flush();
            let code = text.slice(i + run, close);
            if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ")) {
              code = code.slice(1, -1);
            }
            parent.append(el("code", { text: code }));
            i = close + run;
          } else {
            buffer += text.slice(i, i + run);
            i += run;
          }
          continue;
        }
        if (c === "*" || c === "_") {
          const emphasis = depth < MAX_INLINE_DEPTH ? emphasisAt(text, i, depth, inLink) : null;
          if (emphasis) {
            buffer += emphasis.literalPrefix;
            flush();
            parent.append(emphasis.node);
            i = emphasis.end;
          } else {
            const run = runLength(text, i, c);
            buffer += text.slice(i, i + run);
            i += run;
          }
          continue;
        }
        if ((c === "[" || (c === "!" && text[i + 1] === "[")) && depth < MAX_INLINE_DEPTH) {
          const image = c === "!";
          const link = linkAt(text, image ? i + 1 : i);
          if (link) {
            flush();
            const href = image || inLink ? null : safeHttpUrl(link.url);
            // Images are never loaded: their alt text stands in. Unsafe links keep only their text.
            const target = href ? externalLink(href) : parent;
            renderInline(link.label, target, depth + 1, inLink || Boolean(href));
            if (href) {
              parent.append(target);
            }
            i = link.end;
            continue;
          }
        }
        if (c === "<" && !inLink) {
          const m = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/.exec(text.slice(i, i + 2048));
          const href = m ? safeHttpUrl(m[1]) : null;
          if (href) {
            flush();
            parent.append(externalLink(href, m[1]));
            i += m[0].length;
            continue;
          }
        }
        buffer += c;
        i++;
      }
      flush();
    }

    return { render: render };
  })();

  // ---------------------------------------------------------------------------------------------------------------
  // The stage extension in plain words
  // ---------------------------------------------------------------------------------------------------------------

  const BASIS_WORDS = {
    clinical: "clinical staging",
    pathological: "pathological staging",
    "post-therapy": "post-therapy staging",
  };
  /** How the knowledge pack says each segment ("lower rectum", "location unknown"), from GET /examples. */
  let segmentWords = {};
  const RESECTABILITY_WORDS = {
    resectable: "resectable",
    "potentially-resectable": "potentially resectable",
    unresectable: "unresectable",
    "not-assessed": "resectability not assessed",
  };

  /** "Stage IVA (clinical staging: cT3 cN1 cM1a) · tumour in the lower rectum · resectable", or null. */
  function stageInWords(stage) {
    if (!stage || typeof stage !== "object") {
      return null;
    }
    const text = (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
    const words = (table, v) => (text(v) ? table[v] || v.replace(/-/g, " ") : null);
    const basis = words(BASIS_WORDS, stage.basis);
    const tnm = [text(stage.t), text(stage.n), text(stage.m)].filter(Boolean).join(" ");
    let head = text(stage.group) ? "Stage " + text(stage.group) : "Stage not determined";
    if (basis && tnm) {
      head += " (" + basis + ": " + tnm + ")";
    } else if (basis || tnm) {
      head += " (" + (basis || tnm) + ")";
    }
    const segment = text(stage.segment)
      ? (stage.segment === "unknown" ? "tumour " : "tumour in the ") + (segmentWords[stage.segment] || stage.segment)
      : null;
    const parts = [head, segment, words(RESECTABILITY_WORDS, stage.resectability)];
    return parts.filter(Boolean).join(" · ");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Building the hook request, as an EHR does
  // ---------------------------------------------------------------------------------------------------------------

  /** crypto.randomUUID exists only in secure contexts (https, localhost); plain http on a host name lacks it. */
  function randomUuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-"
      + hex.slice(20);
  }

  /** Fills {{context.x}} tokens; null when a token cannot be filled (the key is then left to Ampulla to fetch). */
  function resolveTemplate(template, context) {
    let unresolved = false;
    const out = template.replace(/\{\{\s*context\.([A-Za-z]+)\s*\}\}/g, (token, name) => {
      const value = context[name];
      if (typeof value !== "string") {
        unresolved = true;
        return token;
      }
      return value;
    });
    return unresolved || out.includes("{{") ? null : out;
  }

  /** A search parameter as a resource filter, or null for a parameter this viewer cannot evaluate. */
  function searchFilter(name, value) {
    if (name === "patient" || name === "subject") {
      const id = value.replace(/^Patient\//, "");
      return (resource) => {
        const ref = (resource.subject && resource.subject.reference) || (resource.patient && resource.patient.reference);
        return typeof ref === "string" && (ref === "Patient/" + id || ref.endsWith("/Patient/" + id));
      };
    }
    if (name === "code") {
      // A comma-separated token list: system|code, |code (no system) or code (any system).
      const tokens = value.split(",").map((token) => {
        const bar = token.indexOf("|");
        return bar < 0 ? { system: undefined, code: token } : { system: token.slice(0, bar), code: token.slice(bar + 1) };
      });
      return (resource) => {
        const codings = (resource.code && Array.isArray(resource.code.coding)) ? resource.code.coding : [];
        return codings.some((coding) => tokens.some((t) => t.code === coding.code
          && (t.system === undefined || (t.system === "" ? !coding.system : t.system === coding.system))));
      };
    }
    if (name === "status") {
      const statuses = value.split(",");
      return (resource) => statuses.includes(resource.status);
    }
    return null;
  }

  /**
   * The prefetch value for one resolved template from the patient's Bundle entries: the resource (or null) for a
   * read, a searchset Bundle for a search, or undefined when the template is beyond this viewer (the key is then
   * not sent, and Ampulla fetches it from fhirServer if it has one).
   */
  function prefetchValue(query, entries) {
    const question = query.indexOf("?");
    if (question < 0) {
      const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(query);
      if (!m) {
        return undefined;
      }
      const found = entries.find((e) => e.resource.resourceType === m[1] && e.resource.id === m[2]);
      return found ? found.resource : null; // null: "there is no such data", as CDS Hooks prescribes
    }
    const type = query.slice(0, question);
    const filters = [];
    for (const [name, value] of new URLSearchParams(query.slice(question + 1))) {
      const filter = searchFilter(name, value);
      if (!filter) {
        return undefined;
      }
      filters.push(filter);
    }
    const matches = entries.filter((e) => e.resource.resourceType === type && filters.every((f) => f(e.resource)));
    return {
      resourceType: "Bundle",
      type: "searchset",
      total: matches.length,
      entry: matches.map((e) => Object.assign(e.fullUrl ? { fullUrl: e.fullUrl } : {},
        { resource: e.resource, search: { mode: "match" } })),
    };
  }

  function buildPrefetch(templates, context, bundle) {
    const entries = (bundle.entry || []).filter((e) => e && e.resource && e.resource.resourceType);
    const prefetch = {};
    for (const [key, template] of Object.entries(templates || {})) {
      const query = resolveTemplate(template, context);
      const value = query === null ? undefined : prefetchValue(query, entries);
      if (value !== undefined) {
        prefetch[key] = value;
      }
    }
    return prefetch;
  }

  /** The ticked catalog orders as draft resources for this patient, with ids draft-1, draft-2, … */
  function draftResources(orders, patientId) {
    return orders.map((order, k) => {
      const copy = JSON.parse(JSON.stringify(order.resource));
      delete copy.id;
      // resourceType and id first, so the request reads naturally.
      return Object.assign({ resourceType: copy.resourceType, id: "draft-" + (k + 1) }, copy,
        { status: "draft", subject: { reference: "Patient/" + patientId } });
    });
  }

  function buildRequest(service, patient, bundle, orders, fhirServer) {
    const context = { userId: USER_ID, patientId: patient.patientId };
    if (ORDER_HOOKS.has(service.hook)) {
      const drafts = draftResources(orders, patient.patientId);
      context.draftOrders = { resourceType: "Bundle", type: "collection", entry: drafts.map((r) => ({ resource: r })) };
      if (service.hook === "order-select") {
        context.selections = drafts.map((r) => r.resourceType + "/" + r.id);
      }
    }
    const request = { hookInstance: randomUuid(), hook: service.hook };
    if (fhirServer) {
      request.fhirServer = fhirServer;
    }
    request.context = context;
    if (!fhirServer) {
      request.prefetch = buildPrefetch(service.prefetch, context, bundle);
    }
    return request;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Talking to Ampulla
  // ---------------------------------------------------------------------------------------------------------------

  /** Fetches and reads the body as JSON when it is JSON; never throws for an HTTP error status. */
  async function call(url, options) {
    const response = await fetch(url, Object.assign({ headers: { Accept: "application/json" } }, options));
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    return { status: response.status, ok: response.ok, text: text, json: json };
  }

  /** What went wrong, from an OperationOutcome when there is one. */
  function problem(result) {
    const issue = result.json && Array.isArray(result.json.issue) ? result.json.issue[0] : null;
    let message = issue && typeof issue.diagnostics === "string" ? issue.diagnostics
      : (result.text || "").slice(0, 300) || "(no details)";
    if (result.status === 401) {
      message += " This Ampulla requires signed client JWTs; the viewer only works in open development mode.";
    }
    return message;
  }

  function postJson(url, body) {
    return call(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Page state and controls
  // ---------------------------------------------------------------------------------------------------------------

  const state = {
    catalog: null, // GET /examples
    services: [], // GET /cds-services .services
    bundles: new Map(), // patient slug → Promise of its Bundle
    busy: false,
    ready: false, // examples and services loaded
    knowledge: null, // Promise of GET /viewer/knowledge, or of null when it cannot be had
  };

  function patientBundle(slug) {
    if (!state.bundles.has(slug)) {
      const promise = call("/examples/patients/" + encodeURIComponent(slug)).then((result) => {
        if (!result.ok || !result.json) {
          throw new Error("Example patient " + slug + ": HTTP " + result.status + " · " + problem(result));
        }
        return result.json;
      });
      promise.catch(() => state.bundles.delete(slug)); // let a later attempt retry
      state.bundles.set(slug, promise);
    }
    return state.bundles.get(slug);
  }

  function selectedPatient() {
    const slug = $("#patient").value;
    return state.catalog.patients.find((p) => p.slug === slug);
  }

  function selectedService() {
    const id = $("#service").value;
    return state.services.find((s) => s.id === id);
  }

  function tickedOrders() {
    const ids = Array.from(document.querySelectorAll("#order-list input.order:checked"), (box) => box.value);
    return state.catalog.draftOrders.filter((o) => ids.includes(o.id));
  }

  function showError(heading, message) {
    const box = $("#error");
    box.replaceChildren(el("strong", { text: heading }), " ", el("span", { text: message }));
    box.hidden = false;
  }

  function clearError() {
    $("#error").hidden = true;
    $("#error").replaceChildren();
  }

  function setStatus(text) {
    $("#status").textContent = text;
  }

  function showJson(detailsId, value) {
    $("#" + detailsId + " pre").textContent = typeof value === "string" ? value : prettyJson(value);
  }

  function updateServiceControls() {
    const service = selectedService();
    $("#service-description").textContent = service ? service.description || "" : "";
    $("#orders").hidden = !(service && ORDER_HOOKS.has(service.hook));
    updateSendControls();
  }

  function updatePrefetchControls() {
    const box = $("#use-prefetch");
    const hint = $("#prefetch-hint");
    if (!state.catalog.fhirServer) {
      box.checked = true;
      box.disabled = true;
      hint.textContent = "This Ampulla has no FHIR server holding the examples, so their data always travels as"
        + " prefetch.";
    } else {
      box.disabled = false;
      hint.textContent = box.checked
        ? "Prefetch is built from the discovery templates and the example's Bundle."
        : "No prefetch: the request names fhirServer " + state.catalog.fhirServer + " and Ampulla fetches the data.";
    }
  }

  /** A one-line description of the chosen patient, from its Bundle. */
  async function updatePatientSummary() {
    const patient = selectedPatient();
    const summary = $("#patient-summary");
    summary.textContent = "";
    if (!patient) {
      return;
    }
    try {
      const bundle = await patientBundle(patient.slug);
      if (selectedPatient() !== patient) {
        return; // the choice changed while loading
      }
      const entries = bundle.entry || [];
      const resource = (entries.find((e) => e.resource && e.resource.resourceType === "Patient") || {}).resource || {};
      const name = (resource.name || [])[0] || {};
      const fullName = [].concat(name.given || [], name.family || []).join(" ");
      const facts = [fullName, resource.gender, resource.birthDate ? "born " + resource.birthDate : null]
        .filter(Boolean).join(", ");
      summary.textContent = "Patient/" + patient.patientId + (facts ? " · " + facts : "") + " · "
        + entries.length + " resources";
    } catch (e) {
      summary.textContent = e.message;
    }
  }

  /** Why the hook cannot be sent as the form stands, or null. */
  function sendBlocker() {
    const service = selectedService();
    if (service && service.hook === "order-select" && tickedOrders().length === 0) {
      return "Tick at least one draft order: order-select sends the ticked orders as context.selections, which"
        + " must not be empty.";
    }
    return null;
  }

  function updateSendControls() {
    const blocker = state.ready ? sendBlocker() : null;
    $("#send").disabled = !state.ready || state.busy || blocker !== null;
    $("#send-hint").textContent = blocker || "";
  }

  function setBusy(busy) {
    state.busy = busy;
    updateSendControls();
    $("#send").textContent = busy ? "Sending…" : "Send hook";
    $("#cards").setAttribute("aria-busy", busy ? "true" : "false");
  }

  async function sendHook() {
    if (state.busy) {
      return;
    }
    const service = selectedService();
    const patient = selectedPatient();
    if (!service || !patient || sendBlocker() !== null) {
      return;
    }
    setBusy(true);
    clearError();
    $("#cards").replaceChildren();
    setStatus("Sending " + service.hook + " to " + service.id + "…");
    const orders = ORDER_HOOKS.has(service.hook) ? tickedOrders() : [];
    const course = showCourse(patient, orders); // Ampulla's reading of the case, while the hook is under way
    try {
      const useFhirServer = state.catalog.fhirServer && !$("#use-prefetch").checked;
      const bundle = useFhirServer ? null : await patientBundle(patient.slug);
      const request = buildRequest(service, patient, bundle, orders,
        useFhirServer ? state.catalog.fhirServer : null);
      showJson("request-json", request);
      showJson("response-json", "Waiting…");
      const started = performance.now();
      const result = await postJson("/cds-services/" + encodeURIComponent(service.id), request);
      const millis = (performance.now() - started).toFixed(1) + " ms";
      showJson("response-json", result.json !== null ? result.json : result.text || "(empty body)");
      if (!result.ok) {
        setStatus(result.status + " · no cards · " + millis);
        showError("HTTP " + result.status, problem(result));
        course.then((c) => c && c.drawPathway([]));
        return;
      }
      const cards = result.json && Array.isArray(result.json.cards) ? result.json.cards : [];
      setStatus(result.status + " · " + cards.length + (cards.length === 1 ? " card" : " cards") + " · " + millis);
      renderCards(cards, service);
      course.then((c) => c && c.drawPathway(cards));
    } catch (e) {
      setStatus("Not sent");
      showError("Request failed", e && e.message ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Cards
  // ---------------------------------------------------------------------------------------------------------------

  const INDICATOR_LABELS = { info: "Info", warning: "Warning", critical: "Critical" };
  let cardCounter = 0; // unique ids for label/aria wiring

  function renderCards(cards, service) {
    const container = $("#cards");
    if (cards.length === 0) {
      container.append(el("p", { class: "empty", text: "No cards: Ampulla has nothing to say about this patient"
        + " for this hook." }));
      return;
    }
    for (const card of cards) {
      container.append(renderCard(card && typeof card === "object" ? card : {}, service));
    }
  }

  function renderCard(card, service) {
    const n = ++cardCounter;
    const indicator = INDICATOR_LABELS[card.indicator] ? card.indicator : "info";
    const source = card.source && typeof card.source === "object" ? card.source : {};
    const topic = source.topic && typeof source.topic === "object" ? source.topic : {};
    const node = el("article", {
      class: "card",
      "aria-labelledby": "card-summary-" + n,
      dataset: { indicator: indicator, topic: topic.code || "", uuid: card.uuid || "", state: "open" },
    });

    node.append(el("header", { class: "card-header" },
      el("span", { class: "card-indicator", text: INDICATOR_LABELS[indicator] }),
      el("h3", { class: "card-summary", id: "card-summary-" + n, text: String(card.summary || "(no summary)") })));

    const sourceLine = el("p", { class: "card-source" }, "Source: ");
    const sourceUrl = safeHttpUrl(source.url);
    const label = String(source.label || "unnamed source");
    sourceLine.append(sourceUrl ? externalLink(sourceUrl, label) : label);
    if (topic.display || topic.code) {
      sourceLine.append(" · Topic: " + String(topic.display || topic.code));
    }
    node.append(sourceLine);

    const stage = stageInWords(card.extension && card.extension[STAGE_EXTENSION]);
    if (stage) {
      node.append(el("p", { class: "card-stage", text: stage }));
    }
    if (typeof card.detail === "string" && card.detail.trim() !== "") {
      const detail = el("div", { class: "card-detail" });
      detail.append(Markdown.render(card.detail));
      node.append(detail);
    }
    if (Array.isArray(card.links) && card.links.length > 0) {
      node.append(renderLinks(card.links));
    }

    const controls = { suggestions: [], dismiss: null };
    const status = el("p", { class: "feedback-status", role: "status", "aria-live": "polite" });
    if (Array.isArray(card.suggestions) && card.suggestions.length > 0) {
      node.append(renderSuggestions(card, service, controls, status));
    }
    node.append(renderDismiss(card, service, node, controls, status, n));
    node.append(status);
    return node;
  }

  function renderLinks(links) {
    const list = el("ul", { class: "card-links" });
    for (const link of links) {
      if (!link || typeof link !== "object") {
        continue;
      }
      const label = String(link.label || link.url || "link");
      const href = safeHttpUrl(link.url);
      if (link.type === "smart") {
        list.append(el("li", null, label + " (SMART app: not launched by this viewer)"));
      } else {
        list.append(el("li", null, href ? externalLink(href, label) : label + " (link not shown: not http or https)"));
      }
    }
    return list;
  }

  function renderSuggestions(card, service, controls, status) {
    const atMostOne = card.selectionBehavior === "at-most-one";
    const box = el("div", { class: "card-suggestions" },
      el("p", { class: "suggestions-heading", text: atMostOne ? "Suggestions · choose at most one" : "Suggestions" }));
    for (const suggestion of card.suggestions) {
      if (!suggestion || typeof suggestion !== "object") {
        continue;
      }
      const label = String(suggestion.label || "(unlabelled suggestion)");
      const button = el("button", { type: "button", class: "suggestion", dataset: { uuid: suggestion.uuid || "" } },
        label);
      const actions = (Array.isArray(suggestion.actions) ? suggestion.actions : [])
        .filter((a) => a && typeof a.description === "string" && a.description !== "");
      const row = el("div", { class: "suggestion-row" }, button);
      if (actions.length > 0) {
        row.append(el("ul", { class: "suggestion-actions" }, ...actions.map((a) =>
          el("li", null, el("span", { class: "action-type", text: String(a.type || "action") }), " " + a.description))));
      }
      box.append(row);
      controls.suggestions.push(button);

      if (!card.uuid || !suggestion.uuid) {
        button.disabled = true;
        button.classList.add("no-feedback");
        button.title = "Feedback needs the card's and the suggestion's uuid, and this card lacks one.";
        continue;
      }
      button.addEventListener("click", async () => {
        setDisabled(controls, true);
        status.textContent = "Sending feedback…";
        status.classList.remove("error");
        const outcome = await sendFeedback(service, {
          card: card.uuid,
          outcome: "accepted",
          acceptedSuggestions: [{ id: suggestion.uuid }],
          outcomeTimestamp: new Date().toISOString(),
        });
        if (!outcome.ok) {
          setDisabled(controls, false);
          showFeedbackProblem(status, outcome);
          return;
        }
        button.classList.add("accepted");
        button.setAttribute("aria-pressed", "true");
        status.textContent = "Accepted: " + label + " — feedback recorded (" + outcome.status + ")";
        // With at-most-one the choice is made: every suggestion stays disabled. Otherwise only the accepted one.
        controls.suggestions.forEach((b) => {
          b.disabled = atMostOne || b === button || b.classList.contains("accepted")
            || b.classList.contains("no-feedback");
        });
        controls.dismiss.disabled = true;
      });
    }
    return box;
  }

  function renderDismiss(card, service, node, controls, status, n) {
    const dismiss = el("button", { type: "button", class: "dismiss", "aria-expanded": "false",
      "aria-controls": "override-" + n }, "Dismiss…");
    controls.dismiss = dismiss;

    const reasons = (Array.isArray(card.overrideReasons) ? card.overrideReasons : [])
      .filter((r) => r && typeof r === "object" && (r.display || r.code));
    const select = el("select", { class: "override-reason", id: "override-reason-" + n },
      el("option", { value: "" }, "No reason given"),
      ...reasons.map((r, k) => el("option", { value: String(k) }, String(r.display || r.code))));
    const comment = el("textarea", { class: "override-comment", id: "override-comment-" + n, rows: "2",
      maxlength: "1000" });
    const confirm = el("button", { type: "button", class: "confirm-dismiss" }, "Dismiss card");
    const cancel = el("button", { type: "button", class: "cancel-dismiss secondary" }, "Cancel");
    const panel = el("div", { class: "override", id: "override-" + n, hidden: true },
      el("div", { class: "field" }, el("label", { for: "override-reason-" + n, text: "Reason" }), select),
      el("div", { class: "field" }, el("label", { for: "override-comment-" + n, text: "Comment (optional)" }),
        comment),
      el("div", { class: "override-buttons" }, confirm, cancel));

    if (!card.uuid) {
      dismiss.disabled = true;
      dismiss.classList.add("no-feedback");
      dismiss.title = "Feedback needs the card's uuid, and this card has none.";
    }
    const showPanel = (open) => {
      panel.hidden = !open;
      dismiss.setAttribute("aria-expanded", String(open));
      if (open) {
        select.focus();
      }
    };
    dismiss.addEventListener("click", () => showPanel(panel.hidden));
    cancel.addEventListener("click", () => {
      showPanel(false);
      dismiss.focus();
    });
    confirm.addEventListener("click", async () => {
      const reason = select.value === "" ? null : reasons[Number(select.value)];
      const text = comment.value.trim();
      const item = { card: card.uuid, outcome: "overridden" };
      if (reason || text) {
        item.overrideReason = {};
        if (reason) {
          item.overrideReason.reason = { system: reason.system, code: reason.code, display: reason.display };
        }
        if (text) {
          item.overrideReason.userComment = text;
        }
      }
      item.outcomeTimestamp = new Date().toISOString();
      setDisabled(controls, true);
      confirm.disabled = true;
      status.textContent = "Sending feedback…";
      status.classList.remove("error");
      const outcome = await sendFeedback(service, item);
      confirm.disabled = false;
      if (!outcome.ok) {
        setDisabled(controls, false);
        showFeedbackProblem(status, outcome);
        return;
      }
      node.dataset.state = "dismissed";
      node.classList.add("dismissed");
      showPanel(false);
      const why = [reason ? "reason: " + String(reason.display || reason.code) : "no reason given"];
      if (text) {
        why.push("comment: “" + text + "”");
      }
      status.textContent = "Dismissed (" + why.join("; ") + ") — feedback recorded (" + outcome.status + ")";
    });
    return el("div", { class: "card-actions" }, dismiss, panel);
  }

  function setDisabled(controls, disabled) {
    controls.suggestions.forEach((b) => {
      b.disabled = disabled || b.classList.contains("accepted") || b.classList.contains("no-feedback");
    });
    controls.dismiss.disabled = disabled || controls.dismiss.classList.contains("no-feedback");
  }

  function showFeedbackProblem(status, outcome) {
    status.classList.add("error");
    status.textContent = "Feedback not recorded: " + (outcome.status ? "HTTP " + outcome.status + " · " : "")
      + outcome.message;
  }

  /** Posts one feedback item to the service that returned the card; {ok, status, message}. */
  async function sendFeedback(service, item) {
    const body = { feedback: [item] };
    try {
      const result = await postJson("/cds-services/" + encodeURIComponent(service.id) + "/feedback", body);
      showJson("feedback-json", prettyJson(body) + "\n\n→ HTTP " + result.status
        + (result.text ? "\n" + result.text : ""));
      if (result.ok) {
        loadConcordance(); // the report counts what was just stored
      }
      return { ok: result.ok, status: result.status, message: result.ok ? "" : problem(result) };
    } catch (e) {
      return { ok: false, status: 0, message: e && e.message ? e.message : String(e) };
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The patient's course (GET /viewer/case/{slug}): a dated timeline of what Ampulla read from the record, and the
  // pathway diagram (GET /viewer/knowledge: the pack's pathway PlanDefinitions by treatment phase) showing where the
  // patient stands and which step each returned card advises. Both are drawn from Ampulla's answers only: the
  // viewer does not interpret the record itself.
  // ---------------------------------------------------------------------------------------------------------------

  const EVENT_KINDS = {
    diagnosis: "Diagnosis",
    staging: "Staging",
    location: "Location",
    metastasis: "Metastasis",
    resectability: "Resectability",
    treatment: "Treatment",
    response: "Response",
    "draft-order": "Draft order",
  };
  let courseRequest = 0; // answers to an older request are dropped

  /**
   * Loads and draws the case of the chosen example with the hook's draft orders; resolves to {drawPathway(cards)}
   * once the case is drawn, or to null when it could not be loaded (the page says why).
   */
  async function showCourse(patient, orders) {
    const request = ++courseRequest;
    const status = $("#course-status");
    status.textContent = "Loading the case of " + patient.title + "…";
    $("#timeline").replaceChildren();
    $("#pathway").replaceChildren();
    $("#course-panel").dataset.state = "loading";
    const query = orders.length > 0 ? "?orders=" + orders.map((o) => encodeURIComponent(o.id)).join(",") : "";
    let result;
    try {
      result = await call("/viewer/case/" + encodeURIComponent(patient.slug) + query);
    } catch (e) {
      result = { ok: false, status: 0, text: e && e.message ? e.message : String(e), json: null };
    }
    const knowledge = await state.knowledge;
    if (request !== courseRequest) {
      return null;
    }
    if (!result.ok || !result.json || !Array.isArray(result.json.events)) {
      status.textContent = "Case not available: HTTP " + result.status + " · " + problem(result);
      $("#course-panel").dataset.state = "failed";
      return null;
    }
    const theCase = result.json;
    const cases = Array.isArray(theCase.cases) ? theCase.cases : [];
    status.textContent = cases.length === 0
      ? "Ampulla found no rectal primary it could use in this record, so there is no pathway position."
      : "As Ampulla read the record of " + patient.title + " (as of " + String(theCase.today) + ").";
    drawTimeline(theCase.events, cases.length > 1);
    $("#course-panel").dataset.state = "timeline";
    return {
      drawPathway: (cards) => {
        if (request === courseRequest) {
          drawPathway(cases, knowledge, Array.isArray(cards) ? cards : []);
          $("#course-panel").dataset.state = "ready"; // tests wait for this
        }
      },
    };
  }

  function drawTimeline(events, severalPrimaries) {
    const items = [];
    let previous = null;
    for (const event of events) {
      if (!event || typeof event !== "object") {
        continue;
      }
      const kind = EVENT_KINDS[event.kind] ? event.kind : "other";
      const date = typeof event.date === "string" && event.date !== "" ? event.date : null;
      const sameDay = previous !== null && date === previous;
      previous = date;
      const sources = Array.isArray(event.sources) ? event.sources.map(String) : [];
      items.push(el("li", { class: "event event-" + kind + (sameDay ? " same-day" : ""),
        dataset: { kind: kind, date: date || "" } },
        el("time", { class: "event-date", datetime: date, text: sameDay ? "" : date || "date not recorded" }),
        el("span", { class: "event-dot", "aria-hidden": "true" }),
        el("div", { class: "event-body" },
          el("span", { class: "event-kind", text: EVENT_KINDS[kind] || "Record" }),
          el("span", { class: "event-label", text: String(event.label || "") }),
          sources.length > 0 ? el("span", { class: "event-sources", text: sources.join(", ") }) : null,
          severalPrimaries && event.primary ? el("span", { class: "event-primary",
            text: "primary " + String(event.primary) }) : null)));
    }
    $("#timeline").replaceChildren(...items);
    $("#timeline-empty").hidden = items.length > 0;
  }

  /** The rule ids a card names in its extension (a card folding another rule names both). */
  function cardRules(card) {
    const rules = card && card.extension && card.extension[RULES_EXTENSION];
    return Array.isArray(rules) ? rules.map(String) : [];
  }

  function positionText(c) {
    const stage = c.stageGroup ? "Stage " + c.stageGroup : "Stage not determined";
    const basis = [c.basis, c.tnm].filter((v) => typeof v === "string" && v !== "").join(": ");
    return [stage + (basis ? " (" + basis + ")" : ""), "tumour: " + String(c.segmentWords),
      "resectability: " + String(c.resectabilityWords)].join(" · ");
  }

  function drawPathway(cases, knowledge, cards) {
    const root = $("#pathway");
    if (!knowledge || !Array.isArray(knowledge.plans) || !Array.isArray(knowledge.phases)) {
      root.replaceChildren(el("p", { class: "hint", text: "The pathway is not available (GET /viewer/knowledge)." }));
      return;
    }
    const byRule = new Map();
    for (const card of cards) {
      for (const rule of cardRules(card)) {
        if (!byRule.has(rule)) {
          byRule.set(rule, []);
        }
        byRule.get(rule).push(card);
      }
    }
    const planRules = new Set(knowledge.plans.map((p) => String(p.rule)));
    const phases = new Set(cases.map((c) => String(c.phase)));

    const position = el("div", { class: "position" }, ...cases.map((c) => el("p", {
      class: "position-line", dataset: { primary: String(c.primary), phase: String(c.phase),
        stage: c.stageGroup ? String(c.stageGroup) : "", segment: String(c.segment) } },
      el("strong", { text: "This patient: " }), positionText(c),
      cases.length > 1 ? " (" + String(c.primary) + ")" : "")));

    const rows = knowledge.phases.map((phase) => {
      const current = phases.has(String(phase.code));
      const plans = knowledge.plans.filter((p) => Array.isArray(p.phases) && p.phases.includes(phase.code));
      return el("div", { class: "phase-row" + (current ? " current" : ""), dataset: { phase: String(phase.code) } },
        el("div", { class: "phase-label" },
          el("span", { class: "phase-words", text: String(phase.words) }),
          current ? el("span", { class: "you-are-here", text: "this patient" }) : null),
        el("div", { class: "phase-plans" }, ...plans.map((plan) => drawPlan(plan, byRule.get(String(plan.rule)) || [],
          knowledge))));
    });

    const elsewhere = cards.filter((card) => !cardRules(card).some((r) => planRules.has(r)));
    const others = elsewhere.length === 0 ? null : el("div", { class: "other-cards" },
      el("p", { class: "other-cards-heading", text: "Cards beside the pathway (stage, data, guideline layer, order"
        + " checks):" }),
      el("ul", null, ...elsewhere.map((card) => {
        const topic = card.source && card.source.topic && typeof card.source.topic === "object"
          ? card.source.topic : {};
        return el("li", { class: "other-card", dataset: { rules: cardRules(card).join(" "),
          indicator: INDICATOR_LABELS[card.indicator] ? card.indicator : "info" } },
          el("span", { class: "card-badge", text: INDICATOR_LABELS[card.indicator] || "Info" }),
          " " + topicDisplay(knowledge, topic.code || "") + " (" + cardRules(card).join(", ") + "): "
          + String(card.summary || ""));
      })));
    root.replaceChildren(position, el("div", { class: "phases" }, ...rows), others);
  }

  function drawPlan(plan, cards, knowledge) {
    const steps = (Array.isArray(plan.steps) ? plan.steps : []).map((step) => {
      const options = Array.isArray(step.options) ? step.options : [];
      return el("li", { class: "step", dataset: { step: String(step.id || "") } },
        el("span", { class: "step-title", text: String(step.title || "") }),
        options.length > 0 ? el("ol", { class: "step-options" }, ...options.map((o) => el("li", {
          dataset: { option: String(o.id || "") } }, String(o.title || "")))) : null);
    });
    return el("article", { class: "plan" + (cards.length > 0 ? " advised" : ""),
      dataset: { rule: String(plan.rule), plan: String(plan.id) }, title: String(plan.description || "") },
      el("header", { class: "plan-header" },
        el("span", { class: "plan-rule", text: String(plan.rule) }),
        el("span", { class: "plan-title", text: String(plan.title || topicDisplay(knowledge, plan.topic)) })),
      el("ol", { class: "steps" }, ...steps),
      ...cards.map((card) => el("p", { class: "plan-card", dataset: {
        indicator: INDICATOR_LABELS[card.indicator] ? card.indicator : "info" } },
        el("span", { class: "card-badge", text: (INDICATOR_LABELS[card.indicator] || "Info") + " card" }),
        " " + String(card.summary || ""))));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Agreement with the pathway (GET /analytics/pathway-agreement): signed orders per modality, rule and month, with a
  // bar per modality; then the cards, a table and a stacked-bar chart per card topic
  // ---------------------------------------------------------------------------------------------------------------

  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, String(value));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function percent(rate) {
    return typeof rate === "number" ? Math.round(rate * 100) + " %" : "–";
  }

  function count(value) {
    return typeof value === "number" ? String(value) : "–";
  }

  /** The display of a card topic from the card-topic CodeSystem, or the code when the pack does not name it. */
  function topicDisplay(knowledge, code) {
    const topics = knowledge && knowledge.topics && typeof knowledge.topics === "object" ? knowledge.topics : {};
    return typeof topics[code] === "string" && topics[code] !== "" ? topics[code] : String(code);
  }

  /**
   * The report's period in the form's terms. The report's end is exclusive; a date typed as "To" is the last day
   * included (the end is midnight after it), so an end at midnight is shown as the day before, inclusive.
   */
  function periodText(from, to) {
    const start = new Date(from);
    const end = new Date(to);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      return String(from) + " to " + String(to);
    }
    const midnight = (d) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0
      && d.getUTCMilliseconds() === 0;
    const day = (d) => d.toISOString().slice(0, 10);
    const minute = (d) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
    const first = midnight(start) ? day(start) : minute(start);
    return midnight(end) ? first + " to " + day(new Date(end.getTime() - 86400000)) + " (inclusive)"
      : first + " until " + minute(end);
  }

  async function loadConcordance() {
    const query = new URLSearchParams();
    if ($("#concordance-from").value) {
      query.set("from", $("#concordance-from").value);
    }
    if ($("#concordance-to").value) {
      query.set("to", $("#concordance-to").value);
    }
    const status = $("#concordance-status");
    status.textContent = "Loading…";
    let result;
    try {
      result = await call("/analytics/pathway-agreement" + (query.toString() ? "?" + query : ""));
    } catch (e) {
      status.textContent = "Report not available: " + (e && e.message ? e.message : String(e));
      return;
    }
    if (!result.ok || !result.json || !result.json.cards || !result.json.cards.totals) {
      status.textContent = "Report not available: HTTP " + result.status + " · " + problem(result);
      return;
    }
    renderConcordance(result.json.cards, await state.knowledge);
    renderAgreement(result.json.orders);
  }

  function reasonsText(reasons) {
    return (Array.isArray(reasons) ? reasons : [])
      .map((r) => (r.display || r.code || "No reason given") + " (" + r.count + ")").join("; ");
  }

  function agreementRow(kind, key, label, c) {
    return el("tr", { class: kind + "-row", dataset: { key: String(key) } },
      el("td", { text: label }),
      el("td", { class: "number", text: count(c.ordersSigned) }),
      el("td", { class: "number", text: count(c.onPathway) }),
      el("td", { class: "number", text: count(c.offPathway) }),
      el("td", { class: "number", text: count(c.outsidePathway) }),
      el("td", { class: "number", text: percent(c.onPathwayRate) }),
      el("td", { text: reasonsText(c.offPathwayReasons) || "–" }));
  }

  function modalityLabel(m) {
    return String(m.modality) + (m.drugClass ? " (" + m.drugClass + ")" : "");
  }

  function renderAgreement(orders) {
    const status = $("#agreement-status");
    if (!orders || !orders.totals) {
      status.textContent = "No signed-order measures in this report.";
      return;
    }
    const t = orders.totals;
    status.textContent = count(t.ordersSigned) + " orders signed · " + count(t.onPathway) + " on the pathway · "
      + count(t.offPathway) + " off · " + count(t.outsidePathway) + " outside (no pathway decided) · on-pathway rate "
      + percent(t.onPathwayRate) + (orders.withdrawnAfterWarning ? " · " + orders.withdrawnAfterWarning
        + " withdrawn after a warning" : "");
    const modalities = Array.isArray(orders.modalities) ? orders.modalities : [];
    const rows = [];
    for (const m of modalities) {
      rows.push(agreementRow("modality", modalityLabel(m), modalityLabel(m), m.counts));
    }
    for (const r of Array.isArray(orders.rules) ? orders.rules : []) {
      rows.push(agreementRow("rule", r.rule || "none", "Rule " + (r.rule || "none") + (r.topic ? " · " + r.topic : ""),
        r.counts));
    }
    for (const m of Array.isArray(orders.months) ? orders.months : []) {
      rows.push(agreementRow("month", m.month, String(m.month), m.counts));
    }
    $("#agreement-table tbody").replaceChildren(...rows);
    $("#agreement-table").hidden = rows.length === 0;
    $("#agreement-chart").replaceChildren(modalities.length === 0 ? el("p", { class: "hint",
      text: "No treatment orders were signed in this period." }) : agreementChart(modalities));
  }

  /** One horizontal bar per modality: on, off and outside the pathway as shares of the orders signed. */
  function agreementChart(modalities) {
    const labelWidth = 260;
    const barWidth = 420;
    const rowHeight = 24;
    const height = modalities.length * rowHeight + 30;
    const chart = svg("svg", { width: labelWidth + barWidth + 60, height: height, role: "img",
      viewBox: "0 0 " + (labelWidth + barWidth + 60) + " " + height });
    modalities.forEach((m, i) => {
      const y = i * rowHeight + 4;
      const c = m.counts || {};
      const signed = Math.max(c.ordersSigned || 0, 1);
      chart.append(svg("text", { x: 0, y: y + 13, class: "modality-label" }, modalityLabel(m)));
      let x = labelWidth;
      for (const [part, cls] of [[c.onPathway, "bar-on"], [c.offPathway, "bar-off"], [c.outsidePathway, "bar-outside"]]) {
        const width = Math.round(barWidth * (part || 0) / signed);
        if (width > 0) {
          chart.append(svg("rect", { x: x, y: y, width: width, height: rowHeight - 8, class: cls }));
        }
        x += width;
      }
      chart.append(svg("text", { x: labelWidth + barWidth + 6, y: y + 13 }, String(c.ordersSigned)));
    });
    const legendY = modalities.length * rowHeight + 22;
    [["on the pathway", "bar-on"], ["off", "bar-off"], ["outside", "bar-outside"]].forEach(([label, cls], i) => {
      chart.append(svg("rect", { x: labelWidth + i * 130, y: legendY - 10, width: 12, height: 12, class: cls }));
      chart.append(svg("text", { x: labelWidth + i * 130 + 16, y: legendY, class: "legend" }, label));
    });
    return chart;
  }

  function renderConcordance(report, knowledge) {
    const t = report.totals;
    const topics = Array.isArray(report.topics) ? report.topics : [];
    $("#concordance-status").textContent = periodText(report.from, report.to) + " · " + count(t.cardsShown) + " cards shown · " + count(t.accepted) + " accepted · "
      + count(t.overridden) + " overridden · " + count(t.noFeedback) + " without feedback"
      + (typeof t.distinctPatients === "number" ? " · " + t.distinctPatients + " patients" : "")
      + (t.feedbackOnUnrecordedCards ? " · " + t.feedbackOnUnrecordedCards + " feedback items on unrecorded cards"
        : "");
    const rows = [];
    for (const topic of topics) {
      const reasons = (Array.isArray(topic.overrideReasons) ? topic.overrideReasons : [])
        .map((r) => (r.display || r.code || "No reason given") + " (" + r.count + ")").join("; ");
      rows.push(el("tr", { class: "topic-row", dataset: { topic: String(topic.topic) } },
        el("td", { text: topicDisplay(knowledge, topic.topic), title: String(topic.topic) }),
        el("td", { class: "number", text: count(topic.cardsShown) }),
        el("td", { class: "number", text: count(topic.accepted) }),
        el("td", { class: "number", text: count(topic.overridden) }),
        el("td", { class: "number", text: count(topic.noFeedback) }),
        el("td", { class: "number", text: percent(topic.acceptanceRate) }),
        el("td", { text: reasons || "–" })));
      for (const s of Array.isArray(topic.suggestions) ? topic.suggestions : []) {
        rows.push(el("tr", { class: "suggestion-row", dataset: { option: String(s.pathwayOption) } },
          el("td", { text: String(s.label || s.pathwayOption) }),
          el("td", { class: "number", text: count(s.shown) }),
          el("td", { class: "number", text: count(s.accepted) }),
          el("td", { class: "number", text: "" }),
          el("td", { class: "number", text: "" }),
          el("td", { class: "number", text: percent(s.acceptanceRate) }),
          el("td", { text: "" })));
      }
    }
    $("#concordance-table tbody").replaceChildren(...rows);
    $("#concordance-table").hidden = rows.length === 0;
    $("#concordance-chart").replaceChildren(rows.length === 0 ? el("p", { class: "hint",
      text: "No cards were issued in this period." }) : concordanceChart(topics, knowledge));
  }

  /** One horizontal bar per topic: accepted, overridden and no feedback as shares of the cards shown. */
  function concordanceChart(topics, knowledge) {
    const labelWidth = 340;
    const maxLabel = 52; // characters that fit labelWidth at the chart's font size
    const barWidth = 420;
    const rowHeight = 24;
    const height = topics.length * rowHeight + 30;
    const chart = svg("svg", { width: labelWidth + barWidth + 60, height: height, role: "img",
      viewBox: "0 0 " + (labelWidth + barWidth + 60) + " " + height });
    topics.forEach((topic, i) => {
      const y = i * rowHeight + 4;
      const shown = Math.max(topic.cardsShown || 0, 1);
      const label = topicDisplay(knowledge, topic.topic);
      const shownLabel = label.length > maxLabel ? label.slice(0, maxLabel - 1) + "…" : label;
      const text = svg("text", { x: 0, y: y + 13, class: "topic-label", "data-topic": String(topic.topic) },
        shownLabel);
      text.append(svg("title", {}, label));
      chart.append(text);
      let x = labelWidth;
      for (const [part, cls] of [[topic.accepted, "bar-accepted"], [topic.overridden, "bar-overridden"],
        [topic.noFeedback, "bar-none"]]) {
        const width = Math.round(barWidth * (part || 0) / shown);
        if (width > 0) {
          chart.append(svg("rect", { x: x, y: y, width: width, height: rowHeight - 8, class: cls }));
        }
        x += width;
      }
      chart.append(svg("text", { x: labelWidth + barWidth + 6, y: y + 13 }, String(topic.cardsShown)));
    });
    const legendY = topics.length * rowHeight + 22;
    [["accepted", "bar-accepted"], ["overridden", "bar-overridden"], ["no feedback", "bar-none"]]
      .forEach(([label, cls], i) => {
        chart.append(svg("rect", { x: labelWidth + i * 120, y: legendY - 10, width: 12, height: 12, class: cls }));
        chart.append(svg("text", { x: labelWidth + i * 120 + 16, y: legendY, class: "legend" }, label));
      });
    return chart;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Start-up
  // ---------------------------------------------------------------------------------------------------------------

  function fillSelect(select, items, value, text) {
    select.replaceChildren(...items.map((item) => el("option", { value: value(item) }, text(item))));
    select.disabled = items.length === 0;
  }

  function fillOrders(orders) {
    const list = $("#order-list");
    list.replaceChildren(...orders.map((order) => {
      const colon = order.label.indexOf(": ");
      const kind = colon > 0 ? order.label.slice(0, colon) : "";
      const name = colon > 0 ? order.label.slice(colon + 2) : order.label;
      return el("label", { class: "order-option" },
        el("input", { type: "checkbox", class: "order", name: "order", value: order.id }),
        el("span", { class: "order-name", text: name }),
        kind ? el("span", { class: "order-kind", text: kind }) : null);
    }));
  }

  async function start() {
    $("#hook-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sendHook();
    });
    $("#concordance-form").addEventListener("submit", (event) => {
      event.preventDefault();
      loadConcordance();
    });
    state.knowledge = call("/viewer/knowledge").then((r) => (r.ok && r.json ? r.json : null), () => null);
    loadConcordance();
    try {
      const [examples, discovery] = await Promise.all([call("/examples"), call("/cds-services")]);
      if (!examples.ok || !examples.json) {
        throw new Error("GET /examples: HTTP " + examples.status + " · " + problem(examples));
      }
      if (!discovery.ok || !discovery.json) {
        throw new Error("GET /cds-services: HTTP " + discovery.status + " · " + problem(discovery));
      }
      if (examples.json.segmentWords && typeof examples.json.segmentWords === "object") {
        segmentWords = examples.json.segmentWords;
      }
      state.catalog = {
        fhirServer: typeof examples.json.fhirServer === "string" ? examples.json.fhirServer : null,
        patients: Array.isArray(examples.json.patients) ? examples.json.patients : [],
        draftOrders: Array.isArray(examples.json.draftOrders) ? examples.json.draftOrders : [],
      };
      state.services = Array.isArray(discovery.json.services) ? discovery.json.services : [];
    } catch (e) {
      setStatus("Not ready");
      showError("Cannot load the viewer's data.", e.message);
      return;
    }
    fillSelect($("#patient"), state.catalog.patients, (p) => p.slug, (p) => p.title);
    fillSelect($("#service"), state.services, (s) => s.id, (s) => s.hook + " · " + (s.title || s.id));
    fillOrders(state.catalog.draftOrders);
    $("#patient").addEventListener("change", updatePatientSummary);
    $("#service").addEventListener("change", updateServiceControls);
    $("#order-list").addEventListener("change", updateSendControls);
    $("#use-prefetch").addEventListener("change", updatePrefetchControls);
    updateServiceControls();
    updatePrefetchControls();
    updatePatientSummary();
    state.ready = state.catalog.patients.length > 0 && state.services.length > 0;
    updateSendControls();
    document.body.dataset.ready = "true"; // tests wait for this
  }

  // A small, frozen surface for tests and for the curious: the Markdown renderer and the stage wording.
  window.AmpullaViewer = Object.freeze({
    renderMarkdown: (text) => Markdown.render(text),
    stageInWords: stageInWords,
  });

  document.addEventListener("DOMContentLoaded", start);
})();
