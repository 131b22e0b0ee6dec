// Measures every message of the harness page (tests/navegador.py) and writes the findings, as JSON,
// into <pre id="resultado">, which `chromium --dump-dom` hands back to the test.
//
// Each <section class="cliente" data-caso=… style="width:Wpx"> is a mail client's reading pane W px
// wide holding a message's <body> content (as Gmail shows it: the <body> element itself is dropped).
// Findings per section:
//   - an element or a line of text that ends past the pane's right edge;
//   - content hidden in a box that scrolls sideways or clips (overflow auto/scroll/hidden/clip and
//     scrollWidth > clientWidth + 1);
//   - text whose effective background comes from the client, not from the message (a client in dark
//     mode paints its own dark canvas there: dark text vanishes), or whose colour has a contrast below
//     4.5:1 (WCAG AA) against its effective background.
(function () {
  "use strict";
  const MARGEN = 0.5;

  function canales(color) {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
  }

  function luminancia(c) {
    const lin = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  }

  function contraste(a, b) {
    const [x, y] = [luminancia(a), luminancia(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }

  function nombre(el) {
    const texto = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    return `<${el.tagName.toLowerCase()}> «${texto}»`;
  }

  // The first ancestor (inside the message) with an opaque background; null when only the client paints it.
  function fondo(el, seccion) {
    for (let e = el; e && e !== seccion; e = e.parentElement) {
      const c = canales(getComputedStyle(e).backgroundColor);
      if (c && c.a >= 1) return { color: c, de: e };
    }
    return null;
  }

  function cajas(seccion, limite, fallos) {
    for (const el of seccion.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > limite + MARGEN) {
        fallos.push(`${nombre(el)} termina a ${Math.round(r.right - seccion.getBoundingClientRect().left)} px`);
      }
      const estilo = getComputedStyle(el);
      const corta = ["auto", "scroll", "hidden", "clip"].includes(estilo.overflowX);
      if (corta && el.scrollWidth > el.clientWidth + 1) {
        fallos.push(`${nombre(el)} esconde ${el.scrollWidth - el.clientWidth} px en una caja que se desplaza de lado`);
      }
    }
  }

  function textos(seccion, limite, fallos) {
    const recorrido = document.createTreeWalker(seccion, NodeFilter.SHOW_TEXT);
    for (let nodo = recorrido.nextNode(); nodo; nodo = recorrido.nextNode()) {
      if (!nodo.textContent.trim()) continue;
      const padre = nodo.parentElement;
      const rango = document.createRange();
      rango.selectNodeContents(nodo);
      const rects = Array.from(rango.getClientRects()).filter((r) => r.width > 0);
      if (!rects.length) continue;  // not rendered (e.g. the <title> of the message)
      if (rects.some((r) => r.right > limite + MARGEN)) fallos.push(`el texto ${nombre(padre)} pasa del borde`);
      const base = fondo(padre, seccion);
      if (!base) {
        fallos.push(`el texto ${nombre(padre)} no tiene fondo propio (en modo oscuro el cliente pone el suyo)`);
        continue;
      }
      const tinta = canales(getComputedStyle(padre).color);
      const razon = contraste(tinta, base.color);
      if (razon < 4.5) fallos.push(`el texto ${nombre(padre)} tiene contraste ${razon.toFixed(2)}:1 con su fondo`);
    }
  }

  function revisar(seccion) {
    const fallos = [];
    const caja = seccion.getBoundingClientRect();
    const limite = caja.right;
    if (seccion.scrollWidth > seccion.clientWidth + 1) {
      fallos.push(`el mensaje mide ${seccion.scrollWidth} px de ancho en ${seccion.clientWidth} px`);
    }
    cajas(seccion, limite, fallos);
    textos(seccion, limite, fallos);
    return { caso: seccion.dataset.caso, ancho: Math.round(caja.width), alto: Math.ceil(caja.height), fallos };
  }

  const oscuro = window.matchMedia("(prefers-color-scheme: dark)").matches;
  const informe = { oscuro, casos: Array.from(document.querySelectorAll("section.cliente")).map(revisar) };
  document.getElementById("resultado").textContent = JSON.stringify(informe);
})();
