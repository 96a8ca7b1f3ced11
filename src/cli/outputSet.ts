// The folder a run writes (--out): checked before any work so that it can never be an input, and
// replaced atomically. Each run writes a complete set into a versioned folder beside --out
// (`.NAME.spillover/set-…`), then switches the symbolic link NAME to it with one rename(2); readers
// see a folder at --out. A kill at any instant leaves --out pointing at either the old or the new
// complete set; sets no longer linked (including those of killed runs) are removed by the next run.
// Every set holds a marker file, by which a later run recognises a folder spillover wrote.
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { LocalizedError, type ErrorWords } from '../locale/errorText.ts';
import type { Label } from '../locale/lang.ts';

/** Written into every output set; its presence marks a folder as spillover's to replace. */
export const OUTPUT_MARKER = '.spillover-output';
const MARKER_TEXT = 'This folder was written by spillover run; the next run into it replaces it.\n';

export class OutputError extends LocalizedError {
  constructor(message: ErrorWords) {
    super(message);
    this.name = 'OutputError';
  }
}

/** The folder holding the versioned sets of `out`: a hidden sibling. */
export const setsFolder = (out: string) => join(dirname(out), `.${basename(out)}.spillover`);

/** `p` with every existing ancestor's links resolved (the last component too when it exists and follow). */
function realish(p: string, follow = true): string {
  const abs = resolve(p);
  if (follow && existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realish(parent), basename(abs));
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** The set folder a spillover link at `out` points to, or null when `out` is not such a link. */
function linkedSet(out: string): string | null {
  let st;
  try {
    st = lstatSync(out);
  } catch {
    return null;
  }
  if (!st.isSymbolicLink()) return null;
  const target = resolve(dirname(out), readlinkSync(out));
  return dirname(target) === setsFolder(out) && existsSync(join(target, OUTPUT_MARKER)) ? target : null;
}

/**
 * checkOutputFolder(out, {cwd, inputs}) — refuse, before any work, an --out that a run would destroy or
 * that is not a folder: the current directory or one of its ancestors, an input (the study file) or a
 * folder holding one (the study folder or any ancestor), a file, a link not made by spillover, or a
 * non-empty folder without the marker. Accepted: a path that does not exist, an empty folder, a folder
 * spillover wrote. Example: checkOutputFolder('S', {cwd, inputs: ['S/study.yaml']}) throws
 * "--out S: is the study folder (it holds the input S/study.yaml) …".
 */
export function checkOutputFolder(out: string, ctx: { cwd: string; inputs: string[]; display?: (p: string) => string }): void {
  // ctx.inputs[0] is the study file: a non-empty folder inside its folder is called a data folder.
  const show = ctx.display ?? ((p: string) => p);
  const refuse = (why: Label) => {
    throw new OutputError({
      zh: `--out ${show(out)}：${why.zh}；没有写入任何文件。请选一个新的或空的文件夹，或以前 spillover 运行写过的文件夹。`,
      en: `--out ${show(out)}: ${why.en}; nothing was written. Choose a new or empty folder, or one a previous spillover run wrote.`,
    });
  };
  // Both the path as given (links on the last component not followed) and where it leads.
  const places = [...new Set([realish(out, false), realish(out)])];
  const cwd = realish(ctx.cwd);
  for (const p of places) {
    if (p === cwd) refuse({ zh: '是当前目录', en: 'is the current directory' });
    if (within(cwd, p)) refuse({ zh: '包含当前目录', en: 'contains the current directory' });
    for (const input of ctx.inputs) {
      const i = realish(input);
      if (i === p) refuse({ zh: `是研究的输入文件（${show(input)}）`, en: `is an input of the study (${show(input)})` });
      if (within(i, p))
        refuse(dirname(i) === p
          ? { zh: `是存放输入文件 ${show(input)} 的文件夹（研究文件夹或数据文件夹）`, en: `is the folder holding the input ${show(input)} (the study or a data folder)` }
          : { zh: `是输入文件 ${show(input)} 的上级文件夹`, en: `is a folder above the input ${show(input)}` });
    }
  }
  let st;
  try {
    st = lstatSync(out);
  } catch {
    return; // new folder
  }
  if (st.isSymbolicLink()) {
    if (linkedSet(out)) return;
    refuse({ zh: '是一个不是由 spillover 运行创建的符号链接', en: 'is a symbolic link that a spillover run did not make' });
  }
  if (!st.isDirectory()) refuse({ zh: '是文件，不是文件夹', en: 'is a file, not a folder' });
  const present = readdirSync(out);
  if (present.length === 0 || present.includes(OUTPUT_MARKER)) return;
  const list = present.sort().slice(0, 5).join(', ') + (present.length > 5 ? `, … (${present.length} entries)` : '');
  if (ctx.inputs.length > 0 && within(realish(out), dirname(realish(ctx.inputs[0])))) refuse({ zh: `是研究文件夹中的数据文件夹（其中有 ${list}）`, en: `is a data folder inside the study folder (it holds ${list})` });
  refuse({
    zh: `是一个非空、且不是 spillover 写的文件夹（没有 ${OUTPUT_MARKER} 标记）；其中有 ${list}`,
    en: `is a folder that is not empty and that spillover did not write (no ${OUTPUT_MARKER} marker); it holds ${list}`,
  });
}

const FS_REASON: Record<string, Label> = {
  ENOENT: { zh: '没有这个文件或文件夹', en: 'no such file or folder' },
  ENOSPC: { zh: '磁盘已满', en: 'the disk is full' },
  EDQUOT: { zh: '超出磁盘配额', en: 'the disk quota is exceeded' },
  EROFS: { zh: '文件系统只读', en: 'the file system is read-only' },
  EACCES: { zh: '没有权限', en: 'permission denied' },
  EPERM: { zh: '不允许该操作', en: 'operation not permitted' },
  ENOTDIR: { zh: '路径中的某一部分是文件，不是文件夹', en: 'a part of the path is a file, not a folder' },
  EISDIR: { zh: '有一个文件夹挡在那里', en: 'a folder is in the way' },
  EEXIST: { zh: '有一个文件挡在那里', en: 'a file is in the way' },
  ENAMETOOLONG: { zh: '路径太长', en: 'the path is too long' },
  EMFILE: { zh: '打开的文件太多', en: 'too many open files' },
  EIO: { zh: '设备的输入/输出错误', en: 'an input/output error of the device' },
};

/** An fs error as a sentence naming the path and the cause in words (the code kept in brackets). */
export function describeFsError(e: unknown, what: Label): Error {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err !== 'object' || !err.code) return e instanceof Error ? e : new LocalizedError(String(e));
  const path = err.path ?? '';
  const system = err.message.replace(/^[A-Z]+: /, '');
  const reason = FS_REASON[err.code];
  return new OutputError({
    zh: `${what.zh}${path ? `（${path}）` : ''}：${reason?.zh ?? system} [${err.code}]`,
    en: `${what.en}${path ? ` (${path})` : ''}: ${reason?.en ?? system} [${err.code}]`,
  });
}

/** What a file-system call was doing, for describeFsError: fsCallWords('open') → {zh: '无法打开', en: 'cannot open'}. */
export function fsCallWords(syscall: string): Label {
  const zh: Record<string, string> = { open: '打开', read: '读取', write: '写入', mkdir: '创建文件夹', rename: '重命名', unlink: '删除', rmdir: '删除文件夹', scandir: '列出文件夹', stat: '查看', lstat: '查看', symlink: '创建链接', readlink: '读取链接', copyfile: '复制', access: '访问' };
  return { zh: `无法${zh[syscall] ?? `执行 ${syscall}`}`, en: `cannot ${syscall}` };
}

/** Remove `p` if possible; what cannot be removed now, the next run removes. */
function tryRemove(p: string | null): void {
  if (p)
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      /* left for the next run */
    }
}

let written = 0;
/** Time and a per-process count, so two sets written by one process in the same millisecond get different names. */
const uniqueStamp = () => `${Date.now().toString(36)}.${(written++).toString(36)}`;

/** Steps of writeOutputSet, in order, for tests that stop a run between two of them. */
export type OutputStep = 'cleaned' | 'file' | 'written' | 'linked' | 'moved-aside' | 'switched' | 'done';

const pidAlive = (pid: number) => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove what earlier runs left: sets not linked from `out` whose writer is gone, and pre-marker temp folders. */
function cleanLeftovers(out: string, keep: string | null): void {
  const sets = setsFolder(out);
  if (existsSync(sets))
    for (const name of readdirSync(sets)) {
      const p = join(sets, name);
      if (p === keep) continue;
      const pid = Number(/-(\d+)$/.exec(name)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) continue; // another run writing now
      tryRemove(p);
    }
  const parent = dirname(out);
  const legacy = new RegExp(`^\\.${basename(out).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old|link)-(\\d+)$`);
  for (const name of readdirSync(parent)) {
    const m = legacy.exec(name);
    if (m && !pidAlive(Number(m[2]))) tryRemove(join(parent, name));
  }
}

/**
 * writeOutputSet(out, files) — make `out` hold exactly `files` (name → contents; names may contain `/`)
 * plus the marker, atomically: written into a new set folder, then the link `out` switched by rename.
 * Call checkOutputFolder first. `step` is called after each step (tests inject a kill there).
 * Failures name the path and the cause ("the disk is full"); the partial new set is removed, the old
 * set stays at `out`.
 */
export function writeOutputSet(out: string, files: Record<string, string | Uint8Array>, step: (s: OutputStep) => void = () => {}): void {
  out = resolve(out);
  const parent = dirname(out);
  const sets = setsFolder(out);
  const old = linkedSet(out);
  const set = join(sets, `set-${uniqueStamp()}-${process.pid}`);
  try {
    mkdirSync(sets, { recursive: true });
    cleanLeftovers(out, old);
    step('cleaned');
    mkdirSync(set);
    for (const [name, data] of Object.entries(files)) {
      const path = join(set, name);
      if (!within(path, set) || path === set) throw new OutputError({ zh: `输出名称 "${name}" 离开了输出文件夹`, en: `output name "${name}" leaves the output folder` });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
      step('file');
    }
    writeFileSync(join(set, OUTPUT_MARKER), MARKER_TEXT);
    step('written');
  } catch (e) {
    tryRemove(set);
    throw describeFsError(e, { zh: `无法写入 ${out} 的输出`, en: `cannot write the outputs for ${out}` });
  }
  const link = join(parent, `.${basename(out)}.link-${process.pid}`);
  let aside: string | null = null;
  try {
    tryRemove(link);
    symlinkSync(relative(parent, set), link, 'dir');
    step('linked');
    let st = null;
    try {
      st = lstatSync(out);
    } catch {
      /* nothing there yet */
    }
    if (st && !st.isSymbolicLink()) {
      // An empty folder or a set copied as a plain folder: a folder cannot be replaced by a link in one
      // rename, so it is moved into the sets folder first (the only moment with nothing at `out`).
      if (!st.isDirectory()) throw new OutputError({ zh: `${out} 是文件，不是文件夹`, en: `${out} is a file, not a folder` });
      aside = join(sets, `aside-${uniqueStamp()}-${process.pid}`);
      renameSync(out, aside);
      step('moved-aside');
    }
    renameSync(link, out);
  } catch (e) {
    tryRemove(link);
    if (aside && !existsSync(out)) renameSync(aside, out);
    if (!existsSync(out) || !statSync(out).isDirectory()) throw describeFsError(e, { zh: `无法把 ${out} 切换到新的输出（新输出已完整写在 ${set}）`, en: `cannot switch ${out} to the new outputs (they are complete in ${set})` });
    tryRemove(set);
    throw describeFsError(e, { zh: `无法把 ${out} 切换到新的输出`, en: `cannot switch ${out} to the new outputs` });
  }
  step('switched');
  // The old set is no longer reachable; if it cannot be removed now, the next run removes it.
  tryRemove(old);
  tryRemove(aside);
  step('done');
}

