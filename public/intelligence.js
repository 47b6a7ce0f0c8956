// Enhances the intelligence pages: a Cytoscape.js link chart over the network table, a Leaflet map (a plain local
// plane, no tiles) over the hotspot table. The tables stay: they are the accessible, keyboard-friendly view.
const readJson = (id) => {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
};

/** A text node: Leaflet puts a string popup or tooltip in as HTML, and a location's label is typed by users. */
const text = (s) => {
  const span = document.createElement('span');
  span.textContent = s;
  return span;
};

const COLOURS = { person: '#1d70b8', location: '#00703c', vehicle: '#d4351c', organisation: '#4c2c92', phone: '#f47738', online_account: '#912b88', group: '#505a5f' };

async function networkChart() {
  const box = document.getElementById('network-chart');
  const data = readJson('network-data');
  if (!box || !data) return;
  const { default: cytoscape } = await import('/javascripts/vendor/cytoscape.esm.min.mjs');
  box.hidden = false;
  const cy = cytoscape({
    container: box,
    elements: [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind, centre: n.id === data.centre ? 1 : 0 } })),
      ...data.links.map((l) => ({ data: { id: l.id, source: l.from, target: l.to, label: `${l.type.replaceAll('_', ' ')} (${l.grading})`, c: l.grading.endsWith('C') ? 1 : 0 } })),
    ],
    // Labels count as part of each node, so the layout keeps them clear of other nodes; wide labels wrap.
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, nodeOverlap: 40, idealEdgeLength: () => 110, nodeRepulsion: () => 12_000, padding: 20, randomize: false },
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'font-size': 11,
          'background-color': (n) => COLOURS[n.data('kind')] ?? '#505a5f',
          color: '#0b0c0c',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'wrap',
          'text-max-width': 110,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
        },
      },
      { selector: 'node[centre = 1]', style: { width: 40, height: 40, 'border-width': 4, 'border-color': '#ffdd00' } },
      {
        selector: 'edge',
        style: {
          width: 2,
          'line-color': '#b1b4b6',
          label: 'data(label)',
          'font-size': 9,
          'curve-style': 'bezier',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 1,
        },
      },
      { selector: 'edge[c = 1]', style: { 'line-color': '#d4351c', 'line-style': 'dashed' } },
    ],
  });
  box.dataset.rendered = String(cy.nodes().length);
  box.dataset.labelOverlaps = String(labelOverlaps(cy));
}

/** How many node labels cover another node or another node's label (the browser test wants none). */
function labelOverlaps(cy) {
  const nodes = cy.nodes();
  const hit = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const label = (n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
  const body = (n) => n.boundingBox({ includeLabels: false });
  let n = 0;
  for (const a of nodes) for (const b of nodes) if (a !== b && (hit(label(a), body(b)) || (a.id() < b.id() && hit(label(a), label(b))))) n++;
  return n;
}

async function hotspotMap() {
  const box = document.getElementById('hotspot-map');
  const data = readJson('hotspot-data');
  if (!box || !data) return;
  const L = await import('/javascripts/vendor/leaflet-src.esm.js');
  const wards = await (await fetch('/javascripts/northmoor-wards.geojson')).json();
  box.hidden = false;
  // No fade: a popup half faded in is text too pale to read (and axe says so).
  const map = L.map(box, { crs: L.CRS.Simple, minZoom: 1, maxZoom: 5, attributionControl: false, fadeAnimation: false });
  const max = Math.max(1, ...data.wards.map((w) => w.concerns));
  const count = new Map(data.wards.map((w) => [w.ward, w.concerns]));
  // GeoJSON of the fictional borough is in a 0-100 local plane: x -> lng, y -> lat.
  const layer = L.geoJSON(wards, {
    style: (f) => {
      const n = count.get(f.properties.ward) ?? 0;
      return { color: '#0b0c0c', weight: 1, fillColor: '#d4351c', fillOpacity: 0.1 + 0.7 * (n / max) };
    },
    onEachFeature: (f, l) => l.bindTooltip(text(`${f.properties.ward}: ${count.get(f.properties.ward) ?? 0} concerns`), { permanent: true, direction: 'center' }),
  });
  // The view first: a layer added to a map with no view yet is drawn before its renderer has bounds, and Leaflet
  // throws (reading 'min') as soon as a location marker is on the map too.
  map.fitBounds(layer.getBounds());
  layer.addTo(map);
  for (const loc of data.locations) {
    if (loc.x == null || loc.y == null) continue;
    L.circleMarker([loc.y, loc.x], { radius: 4 + Math.min(10, loc.concerns * 2), color: '#0b0c0c', fillColor: '#ffdd00', fillOpacity: 0.9 })
      .bindPopup(text(`${loc.label} (${loc.locationTypeLabel}): ${loc.concerns}`))
      .addTo(map);
  }
  box.dataset.rendered = 'true';
}

networkChart();
hotspotMap();
