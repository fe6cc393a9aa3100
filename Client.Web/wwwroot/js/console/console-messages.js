// The console's own strings (the shift-ready console: list freezing, data age, assigning, tiles), added to the
// shared message tables when the console loads, so that other pages' strings stay in their own place.
import { messages } from "../shared/messages.js";

const en = {
  "tickets.pending": "{count} new changes: show",
  "tickets.frozen": "Held still under the pointer",
  "tickets.keys": "↑/↓ move, Enter opens",
  "due.clock": "{metric} due",
  "age.lost": "Live connection lost: data shown is from {age} ago",
  "age.stale": "No live data for {age}: what you see may be out of date",
  "age.never": "Not connected yet: no live data",
  "assign.one": "Assign",
  "assign.force": "Force",
  "assign.forceTitle": "Supervisor: give the job now, without an offer",
  "assign.offered": "Offered to {engineer}, waiting for an answer",
  "assign.accepted": "{engineer} accepted",
  "assign.declined": "{engineer} did not take it: {why}",
  "assign.forced": "Assigned to {engineer} (forced)",
  "assign.sending": "Assigning to {engineer}…",
  "kpi.report": "Open the report behind this number",
  "kpi.judged": "{met} met of {judged} judged today",
  "kpi.nextDue": "Next due",
  "kpi.nextDueNone": "nothing running",
  "heat.unit.demand": "open tickets per cell",
  "heat.unit.risk": "SLA time used per cell (1 = one whole target)",
  "heat.unit.response": "min to accept",
};

const zh = {
  "tickets.pending": "{count} 条新变化：显示",
  "tickets.frozen": "指针下列表保持不动",
  "tickets.keys": "↑/↓ 移动，回车打开",
  "due.clock": "{metric}时限",
  "age.lost": "实时连接已断开：显示的是 {age} 前的数据",
  "age.stale": "{age} 没有收到实时数据：所见可能已过时",
  "age.never": "尚未连接：没有实时数据",
  "assign.one": "派工",
  "assign.force": "强制",
  "assign.forceTitle": "主管：直接派工，不经工程师接单",
  "assign.offered": "已派给 {engineer}，等待答复",
  "assign.accepted": "{engineer} 已接单",
  "assign.declined": "{engineer} 未接单：{why}",
  "assign.forced": "已强制派给 {engineer}",
  "assign.sending": "正在派给 {engineer}…",
  "kpi.report": "打开此数字背后的报表",
  "kpi.judged": "今日判定 {judged} 单，达成 {met} 单",
  "kpi.nextDue": "下一时限",
  "kpi.nextDueNone": "无进行中的时钟",
  "heat.unit.demand": "每格未结工单数",
  "heat.unit.risk": "每格已用时限（1 = 一个完整时限）",
  "heat.unit.response": "接单分钟数",
};

Object.assign(messages.en, en);
Object.assign(messages.zh, zh);
