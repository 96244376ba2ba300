// The pytest-fake-eni dashboard: polls the admin API (GET only) and draws what it reads.
// Names, descriptions and tags come from callers: they only ever become text nodes (no HTML
// is parsed from data anywhere in this file), and links only point inside the page.
"use strict";

(() => {
  const API = "/_fake/";
  const byId = (id) => document.getElementById(id);

  // -- building the DOM ------------------------------------------------------------------

  const ATTRIBUTES = new Set(["id", "title", "colspan"]);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = String(value);
      else if (key === "href") node.setAttribute("href", "#" + String(value)); // in-page only
      else if (ATTRIBUTES.has(key) || key.startsWith("data-")) node.setAttribute(key, String(value));
      else throw new Error("unexpected property " + key);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === "") continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const td = (...children) => el("td", {}, ...children);
  // Resource ids (eni-..., i-..., vsw-...) are unique: they are the rows' element ids too.
  const eniLink = (id) => el("a", { href: id, class: "ref" }, id);
  const instanceLink = (id) => el("a", { href: id, class: "ref" }, id);
  const vswitchLink = (id) => el("a", { href: id, class: "ref" }, id);
  const list = (items, make) =>
    items.length ? items.map((item, i) => [i ? el("br") : null, make(item)]) : "";
  const fill = (tableId, rows, columns, empty) => {
    const body = byId(tableId).tBodies[0];
    if (!rows.length) rows = [el("tr", { class: "empty" }, el("td", { colspan: columns }, empty))];
    body.replaceChildren(...rows);
  };

  // -- colours: one hue per ENI, in creation order (the golden angle keeps them apart) --------

  const hues = new Map();
  const eniColour = (id) => `hsl(${hues.get(id) ?? 205} 62% 52%)`;
  function assignColours(enis) {
    hues.clear();
    enis.forEach((eni, i) => hues.set(eni.network_interface_id, Math.round((20 + i * 137.508) % 360)));
  }
  const COLOURS = { reserved: "#8a8f98", prefix: "#9b6fc8", free: "#f3f5f7" };

  // -- vSwitch maps ----------------------------------------------------------------------

  function prefixLength(size) {
    return 32 - Math.round(Math.log2(size));
  }

  function cellLabel(cell, cellSize) {
    const octets = cell.first.split(".");
    if (cellSize === 1) return octets[3];
    if (cellSize >= 256) return octets[2];
    return octets[2] + "." + octets[3];
  }

  function singleCell(cell) {
    const label = cellLabel(cell, 1);
    const eni = cell.enis[0];
    if (cell.state === "held" || cell.state === "prefix") {
      const what = cell.state === "held" ? "held by" : "in a prefix of";
      const primary = cell.primary ? " (primary)" : "";
      const node = el(
        "a",
        {
          class: `cell ${cell.state}${cell.primary ? " primary" : ""}`,
          href: eni,
          title: `${cell.first} ${what} ${eni}${primary}`,
          "data-address": cell.first,
          "data-eni": eni,
        },
        label,
      );
      if (cell.state === "held") node.style.backgroundColor = eniColour(eni);
      return node;
    }
    return el(
      "span",
      { class: "cell " + cell.state, title: `${cell.first} ${cell.state}`, "data-address": cell.first },
      label,
    );
  }

  function blockCell(cell, cellSize) {
    const block = `${cell.first}/${prefixLength(cell.size)}`;
    const parts = [`${cell.held} held`, `${cell.prefix} in prefixes`, `${cell.reserved} reserved`, `${cell.free} free`];
    const more = cell.eni_count > cell.enis.length ? ` and ${cell.eni_count - cell.enis.length} more` : "";
    const who = cell.enis.length ? `; ENIs: ${cell.enis.join(", ")}${more}` : "";
    const props = {
      class: "cell block" + (cell.free === cell.size ? " free" : " used"),
      title: `${block}: ${parts.join(", ")}${who}`,
      "data-block": block,
      "data-enis": cell.enis.join(" "),
    };
    const node = cell.eni_count === 1
      ? el("a", { ...props, href: cell.enis[0] }, cellLabel(cell, cellSize))
      : el("span", props, cellLabel(cell, cellSize));
    // A stacked bar from the bottom: held, prefix, reserved, then free. Any use shows: a
    // part gets at least a quarter of the cell (the title has the exact counts).
    const share = (n) => Math.max(25, (100 * n) / cell.size);
    const held = cell.eni_count === 1 ? eniColour(cell.enis[0]) : "#3f8fcf";
    let at = 0;
    const stops = [];
    for (const [count, colour] of [[cell.held, held], [cell.prefix, COLOURS.prefix], [cell.reserved, COLOURS.reserved]]) {
      if (!count) continue;
      const upto = Math.min(100, at + share(count));
      stops.push(`${colour} ${at}%`, `${colour} ${upto}%`);
      at = upto;
    }
    stops.push(`${COLOURS.free} ${at}%`, `${COLOURS.free} 100%`);
    node.style.background = `linear-gradient(to top, ${stops.join(", ")})`;
    return node;
  }

  function vswitchCard(vsw) {
    const grid = el("div", { class: "map", "data-vswitch": vsw.vswitch_id });
    grid.style.gridTemplateColumns = `repeat(${Math.min(32, vsw.cells.length)}, 2.4em)`;
    for (const cell of vsw.cells) {
      grid.append(vsw.cell_size === 1 ? singleCell(cell) : blockCell(cell, vsw.cell_size));
    }
    const scale = vsw.cell_size === 1 ? "one address a cell" : `one /${prefixLength(vsw.cell_size)} (${vsw.cell_size} addresses) a cell`;
    const facts = [
      `${vsw.zone_id} · ${vsw.status} · ${vsw.vpc_id} · `,
      el("span", { class: "available", "data-vswitch": vsw.vswitch_id }, "AvailableIpAddressCount ", el("strong", {}, vsw.available_ip_count)),
      ` · ${vsw.taken} taken of ${vsw.usable} usable · ${scale}`,
    ];
    const ipv6 = vsw.ipv6
      ? el("p", { class: "facts" }, `IPv6 ${vsw.ipv6.cidr_block}: ${vsw.ipv6.addresses} address(es), ${vsw.ipv6.prefixes} /80 prefix(es) held`, vsw.ipv6.enis.length ? " by " : "", list(vsw.ipv6.enis, eniLink))
      : null;
    const reservations = vsw.reserved_cidr_blocks.length
      ? el("p", { class: "facts" }, "CIDR reservations (prefixes come from these): ", vsw.reserved_cidr_blocks.join(", "))
      : null;
    return el(
      "article",
      { class: "vswitch", id: vsw.vswitch_id },
      el("h3", {}, vsw.vswitch_id, vsw.name ? ` “${vsw.name}”` : "", " ", el("code", {}, vsw.cidr_block)),
      el("p", { class: "facts" }, facts),
      ipv6,
      reservations,
      grid,
    );
  }

  // -- tables --------------------------------------------------------------------------------

  // A long list of secondary addresses is cut to its first few; the title has them all.
  function addresses(texts) {
    if (texts.length <= 8) return texts.join(", ");
    return el("span", { title: texts.join(", ") }, `${texts.slice(0, 6).join(", ")} and ${texts.length - 6} more`);
  }

  function eniRow(eni) {
    const [primary, ...secondary] = eni.private_ip_addresses;
    const status = eni.pending ? `${eni.status} → ${eni.pending[0]}` : eni.status;
    const tags = Object.entries(eni.tags).map(([key, value]) => el("span", { class: "tag" }, key, "=", value));
    const swatch = el("span", { class: "swatch" });
    swatch.style.backgroundColor = eniColour(eni.network_interface_id);
    return el(
      "tr",
      { id: eni.network_interface_id },
      el("td", { class: "id" }, swatch, " ", eni.network_interface_id),
      td(eni.name),
      td(status, el("br"), el("span", { class: "muted" }, eni.type)),
      el("td", { class: "id" }, eni.instance_id ? [instanceLink(eni.instance_id), eni.device_index === null ? "" : ` #${eni.device_index}`] : ""),
      el("td", { class: "ips" }, el("span", { class: "primary-ip" }, primary), secondary.length ? [el("br"), addresses(secondary)] : ""),
      el("td", { class: "ips" }, list([...eni.ipv6_addresses, ...eni.ipv4_prefixes, ...eni.ipv6_prefixes], (text) => text)),
      td(tags),
      td(eni.description),
      el("td", { class: "id" }, vswitchLink(eni.vswitch_id)),
      el("td", { class: "id" }, list(eni.security_group_ids, (id) => id)),
    );
  }

  function instanceRow(instance) {
    return el(
      "tr",
      { id: instance.instance_id },
      el("td", { class: "id" }, instance.instance_id),
      td(instance.status),
      td(instance.instance_type),
      td(instance.zone_id),
      td(vswitchLink(instance.vswitch_id)),
      td(list(instance.eni_ids, (id) => [eniLink(id), id === instance.primary_eni_id ? " (primary)" : ""])),
      td(`${instance.max_enis} ENIs, ${instance.max_private_ips_per_eni} IPv4 each`),
    );
  }

  function callRow(call) {
    const failed = call.error_code !== null;
    return el(
      "tr",
      { class: failed ? (call.injected ? "error injected" : "error") : "", "data-action": call.action },
      td(call.index),
      td(`${call.timestamp.toFixed(3)} s`),
      td(call.action || "(none)"),
      td(call.dialect),
      td(call.status_code),
      td(call.error_code || ""),
      td(call.injected ? "injected" : ""),
      td(el("code", {}, call.request_id)),
    );
  }

  function faultWhat(rule) {
    if (rule.kind === "latency") return `${rule.seconds} s late`;
    if (rule.kind === "transport") return `${rule.transport_kind} failure`;
    if (rule.kind === "rate_limit") return `${rule.code} past ${rule.calls} per ${rule.per_seconds} s`;
    return rule.code + (rule.after_effect ? " after the effect" : "") + (rule.status ? ` (${rule.status})` : "");
  }

  function faultRow(rule) {
    return el(
      "tr",
      {},
      td(rule.kind),
      td(rule.action),
      td(faultWhat(rule)),
      td(rule.times === null ? "every call" : rule.times),
      td(rule.probability === null ? "" : rule.probability),
      td(rule.when ? "set" : ""),
      td(el("strong", {}, rule.hits)),
    );
  }

  // -- call filters ----------------------------------------------------------------------------

  function setOptions(select, fixed, choices) {
    const chosen = select.value;
    const options = fixed.map(([value, text]) => el("option", {}, text));
    fixed.forEach(([value], i) => { options[i].value = value; });
    for (const [value, count] of Object.entries(choices)) {
      const option = el("option", {}, `${value} (${count})`);
      option.value = value;
      options.push(option);
    }
    select.replaceChildren(...options);
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : "";
  }

  function callQuery() {
    const query = new URLSearchParams({ limit: byId("call-limit").value });
    if (byId("call-action").value) query.set("action", byId("call-action").value);
    if (byId("call-error").value) query.set("error", byId("call-error").value);
    return query.toString();
  }

  // -- polling ---------------------------------------------------------------------------------

  async function get(path) {
    const response = await fetch(API + path, { cache: "no-store", headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`GET ${API}${path}: HTTP ${response.status}`);
    return response.json();
  }

  function render(state, maps, enis, instances, calls, summary, faults) {
    byId("summary").replaceChildren(
      `region ${state.region_id} · account ${state.account_id} · `,
      `${state.vpcs.length} VPC(s), ${maps.length} vSwitch(es), ${state.security_groups.length} security group(s), `,
      `${enis.length} ENI(s), ${instances.length} instance(s), ${summary.total} call(s) (${summary.errors} error(s)), `,
      `${faults.length} fault rule(s)`,
    );
    assignColours(enis);
    byId("vswitches").replaceChildren(...maps.map(vswitchCard));
    fill("enis", enis.map(eniRow), 10, "no ENIs");
    fill("instances", instances.map(instanceRow), 7, "no instances");
    setOptions(byId("call-action"), [["", "all actions"]], summary.actions);
    setOptions(byId("call-error"), [["", "all"], ["any", "errors only"], ["none", "successes only"]], summary.codes);
    fill("calls", calls.slice().reverse().map(callRow), 8, "no calls match");
    byId("call-count").replaceChildren(`(showing ${calls.length} of ${summary.total}, newest first)`);
    fill("faults", faults.map(faultRow), 7, "no fault rules");
    fill("quotas", Object.entries(state.quotas).map(([name, value]) => el("tr", {}, td(el("code", {}, name)), td(value))), 2, "");
  }

  let timer = null;

  async function refresh() {
    clearTimeout(timer);
    const status = byId("status");
    try {
      const data = await Promise.all([
        get("state"), get("occupancy"), get("enis"), get("instances"),
        get("calls?" + callQuery()), get("calls/summary"), get("faults"),
      ]);
      render(...data);
      status.className = "ok";
      status.replaceChildren(`updated ${new Date().toLocaleTimeString()}`);
    } catch (error) {
      status.className = "failed";
      status.replaceChildren(`cannot read the fake: ${error.message}`);
    }
    const every = Number(byId("interval").value);
    if (every > 0) timer = setTimeout(refresh, every);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const id of ["interval", "call-action", "call-error", "call-limit"]) {
      byId(id).addEventListener("change", refresh);
    }
    refresh();
  });
})();
