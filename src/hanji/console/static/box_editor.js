// Canvas editor for template boxes: draw, select, move, resize and delete with mouse or keyboard.
// Boxes are [x, y, w, h] in sample-image pixels; the canvas has the image's size and CSS scales it.
// Three kinds: the title area, table areas (a ruled table is read inside each) and field boxes.

const MIN_SIZE = 4;
const COLORS = { title: "#d97706", table: "#2e8540", field: "#1f6feb" };
const FILLS = { title: [217, 119, 6], table: [46, 133, 64], field: [31, 111, 235] };

export class BoxEditor {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{onChange: Function, onSelect: Function, canAddBox: boolean}} hooks
   */
  constructor(canvas, { onChange, onSelect, canAddBox }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.onChange = onChange;
    this.onSelect = onSelect;
    this.canAddBox = canAddBox;
    this.image = null;
    this.model = { title: null, fields: [], tables: [] };
    this.mode = "field";
    this.selection = null; // {kind: "title"} | {kind: "table", table} | {kind: "field", field, box}
    this.drag = null;
    canvas.addEventListener("pointerdown", (e) => this.pointerDown(e));
    canvas.addEventListener("pointermove", (e) => this.pointerMove(e));
    canvas.addEventListener("pointerup", (e) => this.pointerUp(e));
    canvas.addEventListener("keydown", (e) => this.keyDown(e));
  }

  setImage(image) {
    this.image = image;
    this.canvas.width = image.naturalWidth;
    this.canvas.height = image.naturalHeight;
    this.redraw();
  }

  setModel(model) {
    if (!model.tables) model.tables = [];
    this.model = model;
    this.select(null);
  }

  /** Image pixels under a pointer event (the canvas may be drawn smaller than its pixel size). */
  point(event) {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) * this.canvas.width) / rect.width,
      y: ((event.clientY - rect.top) * this.canvas.height) / rect.height,
    };
  }

  handleSize() {
    const rect = this.canvas.getBoundingClientRect();
    return (10 * this.canvas.width) / Math.max(1, rect.width);
  }

  /** All boxes, topmost last: the title area, table areas (large, so under the rest), then each
   * field's boxes. */
  boxes() {
    const out = [];
    if (this.model.title?.box) out.push({ sel: { kind: "title" }, box: this.model.title.box });
    this.model.tables.forEach((table, t) => out.push({ sel: { kind: "table", table: t }, box: table.box }));
    this.model.fields.forEach((field, f) => field.boxes.forEach((box, b) => {
      out.push({ sel: { kind: "field", field: f, box: b }, box });
    }));
    return out;
  }

  selectedBox() {
    const s = this.selection;
    if (!s) return null;
    if (s.kind === "title") return this.model.title?.box ?? null;
    if (s.kind === "table") return this.model.tables[s.table]?.box ?? null;
    return this.model.fields[s.field]?.boxes[s.box] ?? null;
  }

  select(selection) {
    this.selection = selection;
    this.redraw();
    this.onSelect(selection);
  }

  hit(p) {
    const all = this.boxes();
    for (let i = all.length - 1; i >= 0; i -= 1) {
      const [x, y, w, h] = all[i].box;
      if (p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h) return all[i].sel;
    }
    return null;
  }

  onHandle(p) {
    const box = this.selectedBox();
    if (!box) return false;
    const size = this.handleSize();
    return Math.abs(p.x - (box[0] + box[2])) <= size && Math.abs(p.y - (box[1] + box[3])) <= size;
  }

  pointerDown(event) {
    if (!this.image) return;
    this.canvas.focus();
    this.canvas.setPointerCapture(event.pointerId);
    const p = this.point(event);
    if (this.onHandle(p)) {
      this.drag = { kind: "resize", start: p, orig: [...this.selectedBox()] };
      return;
    }
    const hit = ["field", "title", "table"].includes(this.mode) ? this.hit(p) : null;
    if (hit) {
      this.select(hit);
      this.drag = { kind: "move", start: p, orig: [...this.selectedBox()] };
      return;
    }
    this.drag = { kind: "draw", start: p, rect: [p.x, p.y, 0, 0] };
  }

  pointerMove(event) {
    if (!this.drag) return;
    const p = this.point(event);
    const dx = p.x - this.drag.start.x;
    const dy = p.y - this.drag.start.y;
    if (this.drag.kind === "draw") {
      const s = this.drag.start;
      this.drag.rect = [Math.min(s.x, p.x), Math.min(s.y, p.y), Math.abs(dx), Math.abs(dy)];
    } else {
      const [x, y, w, h] = this.drag.orig;
      const next = this.drag.kind === "move" ? [x + dx, y + dy, w, h] : [x, y, w + dx, h + dy];
      this.replaceSelected(next);
    }
    this.redraw();
  }

  pointerUp(event) {
    const drag = this.drag;
    this.drag = null;
    if (!drag) return;
    if (drag.kind === "draw" && drag.rect[2] >= MIN_SIZE && drag.rect[3] >= MIN_SIZE) {
      this.addBox(drag.rect);
    } else if (drag.kind !== "draw") {
      this.onChange();
    }
    this.redraw();
  }

  /** Put a new box where the current mode says: the title area, a new table area, a new field, or
   * another box of the selected field. */
  addBox(rect) {
    const box = this.clamp(rect);
    if (this.mode === "title") {
      this.model.title = { ...(this.model.title || {}), box };
      this.select({ kind: "title" });
    } else if (this.mode === "table") {
      const names = new Set(this.model.tables.map((t) => t.name));
      let n = this.model.tables.length + 1;
      while (names.has(`table_${n}`)) n += 1;
      this.model.tables.push({ name: `table_${n}`, box });
      this.select({ kind: "table", table: this.model.tables.length - 1 });
    } else if (this.mode === "add-box" && this.canAddBox && this.selection?.kind === "field") {
      const field = this.model.fields[this.selection.field];
      field.boxes.push(box);
      this.select({ kind: "field", field: this.selection.field, box: field.boxes.length - 1 });
    } else {
      const names = new Set(this.model.fields.map((f) => f.name));
      let n = this.model.fields.length + 1;
      while (names.has(`field_${n}`)) n += 1;
      this.model.fields.push({ name: `field_${n}`, boxes: [box], value_type: "text", checkbox: false, validation: {} });
      this.select({ kind: "field", field: this.model.fields.length - 1, box: 0 });
    }
    this.onChange();
  }

  /** Keep a box inside the image, whole pixels, at least MIN_SIZE wide and high. */
  clamp([x, y, w, h]) {
    const W = this.canvas.width;
    const H = this.canvas.height;
    w = Math.max(MIN_SIZE, Math.min(Math.round(w), W));
    h = Math.max(MIN_SIZE, Math.min(Math.round(h), H));
    x = Math.max(0, Math.min(Math.round(x), W - w));
    y = Math.max(0, Math.min(Math.round(y), H - h));
    return [x, y, w, h];
  }

  replaceSelected(box) {
    const s = this.selection;
    if (!s) return;
    const clamped = this.clamp(box);
    if (s.kind === "title") this.model.title.box = clamped;
    else if (s.kind === "table") this.model.tables[s.table].box = clamped;
    else this.model.fields[s.field].boxes[s.box] = clamped;
  }

  deleteSelected() {
    const s = this.selection;
    if (!s) return;
    if (s.kind === "title") {
      this.model.title = null;
    } else if (s.kind === "table") {
      this.model.tables.splice(s.table, 1);
    } else {
      const field = this.model.fields[s.field];
      field.boxes.splice(s.box, 1);
      if (field.boxes.length === 0) this.model.fields.splice(s.field, 1);
    }
    this.select(null);
    this.onChange();
  }

  /** Arrows move (Alt+arrows resize; Shift: 10 px), Delete removes, [ and ] step through boxes,
   * N adds a field box and T a title area in the middle, Escape clears the selection. */
  keyDown(event) {
    const step = event.shiftKey ? 10 : 1;
    const arrows = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const box = this.selectedBox();
    if (event.key in arrows && box) {
      const [dx, dy] = arrows[event.key];
      const [x, y, w, h] = box;
      this.replaceSelected(event.altKey ? [x, y, w + dx, h + dy] : [x + dx, y + dy, w, h]);
      this.redraw();
      this.onChange();
    } else if ((event.key === "Delete" || event.key === "Backspace") && box) {
      this.deleteSelected();
    } else if (event.key === "[" || event.key === "]") {
      const all = this.boxes();
      if (!all.length) return;
      const at = all.findIndex((b) => JSON.stringify(b.sel) === JSON.stringify(this.selection));
      const next = (at + (event.key === "]" ? 1 : all.length - 1)) % all.length;
      this.select(all[at < 0 ? 0 : next].sel);
    } else if ((event.key === "n" || event.key === "t") && this.image) {
      const W = this.canvas.width;
      const H = this.canvas.height;
      const previous = this.mode;
      if (event.key === "t") this.mode = "title";
      this.addBox([W / 2 - W / 10, H / 2 - H / 20, W / 5, H / 10]);
      this.mode = previous;
    } else if (event.key === "Escape") {
      this.select(null);
    } else {
      return;
    }
    event.preventDefault();
  }

  redraw() {
    const { ctx, canvas } = this;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!this.image) {
      ctx.fillStyle = "#eef1f5";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      return;
    }
    ctx.drawImage(this.image, 0, 0);
    const unit = Math.max(1, canvas.width / Math.max(1, canvas.getBoundingClientRect().width));
    ctx.font = `${Math.round(13 * unit)}px system-ui, sans-serif`;
    for (const { sel, box } of this.boxes()) {
      const selected = JSON.stringify(sel) === JSON.stringify(this.selection);
      const color = COLORS[sel.kind];
      ctx.lineWidth = (selected ? 3 : 1.5) * unit;
      ctx.strokeStyle = color;
      ctx.fillStyle = `rgba(${FILLS[sel.kind].join(",")},${selected ? 0.15 : 0.06})`;
      ctx.fillRect(...box);
      ctx.strokeRect(...box);
      const label = {
        title: () => "title",
        table: () => this.model.tables[sel.table].name,
        field: () => this.model.fields[sel.field].name,
      }[sel.kind]();
      ctx.fillStyle = color;
      ctx.fillText(label, box[0] + 2 * unit, Math.max(12 * unit, box[1] - 3 * unit));
      if (selected) {
        const size = this.handleSize();
        ctx.fillRect(box[0] + box[2] - size / 2, box[1] + box[3] - size / 2, size, size);
      }
    }
    if (this.drag?.kind === "draw") {
      ctx.setLineDash([6 * unit, 4 * unit]);
      ctx.strokeStyle = "#111";
      ctx.lineWidth = unit;
      ctx.strokeRect(...this.drag.rect);
      ctx.setLineDash([]);
    }
  }
}
