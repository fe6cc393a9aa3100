// The words of the Tickets and Reports pages, in English and Simplified Chinese. Kept beside the pages
// (not in shared/messages.js) so the read side's pages change without touching the live console's strings.
import { lang } from "../shared/i18n.js";

const words = {
  en: {
    "nav.console": "Live console", "nav.tickets": "Tickets", "nav.reports": "Reports",
    "login.title": "Sign in", "login.role": "Role", "login.submit": "Sign in", "login.failed": "Sign-in failed",
    "signOut": "Sign out",
    "tickets.title": "Tickets", "tickets.q": "Text (title, description, external id)", "tickets.search": "Search",
    "tickets.more": "More", "tickets.none": "No ticket matches.", "tickets.export": "Export CSV", "tickets.shown": "{n} shown",
    "f.status": "Status", "f.priority": "Priority", "f.region": "Region", "f.customerId": "Customer", "f.engineerId": "Engineer",
    "f.serviceType": "Service type", "f.slaState": "SLA", "f.breached": "Breached clock", "f.createdFrom": "Created from",
    "f.createdTo": "Created before", "f.breachedFrom": "Breached from", "f.breachedTo": "Breached before", "f.sort": "Sort", "f.tier": "Customer tier", "f.from": "From", "f.to": "Before",
    "f.groupBy": "Group by", "f.any": "any", "f.stream": "Stream", "f.type": "Event type", "f.actor": "Actor",
    "col.ticket": "Ticket", "col.title": "Title", "col.status": "Status", "col.priority": "Priority", "col.region": "Region",
    "col.customer": "Customer", "col.engineer": "Engineer", "col.sla": "SLA", "col.created": "Created", "col.resolved": "Resolved",
    "col.group": "Group", "col.createdCount": "Created", "col.resolvedCount": "Resolved", "col.cancelled": "Cancelled",
    "col.respond": "Respond", "col.arrive": "Arrive", "col.mttr": "MTTR", "col.mttrNet": "MTTR without waiting",
    "col.ftf": "First-time fix", "col.breached": "Breached", "col.compliance": "SLA compliance", "col.csat": "CSAT", "col.nps": "NPS",
    "col.ces": "CES", "col.surveys": "Surveys", "col.stage": "Stage", "col.tickets": "Tickets", "col.mean": "Mean", "col.total": "Total",
    "col.age": "Mean age", "col.oldest": "Oldest", "col.at": "When", "col.type": "Event", "col.actor": "Who", "col.stream": "Stream",
    "col.why": "Why", "col.view": "View",
    "panel.audit": "Audit trail", "panel.close": "Close", "panel.customerAudit": "Customer's trail", "panel.engineerAudit": "Engineer's trail",
    "reports.title": "Reports", "reports.show": "Show", "reports.export": "Export CSV",
    "view.kpis": "KPIs", "view.stages": "Time per stage", "view.backlog": "Backlog", "view.5-15-30": "5-15-30", "view.audit": "Audit trail",
    "kpis.daily": "Daily series", "stages.bottleneck": "Bottleneck: {stage}", "backlog.open": "{n} open tickets",
    "v5.live": "Last 5 minutes", "v5.team": "15 days: team efficiency", "v5.customers": "30 days against the 30 before, by tier",
    "v5.current": "these 30 days", "v5.previous": "the 30 before",
    "loading": "Loading…", "error": "Failed", "noData": "Nothing in this window.",
  },
  zh: {
    "nav.console": "实时控制台", "nav.tickets": "工单", "nav.reports": "报表",
    "login.title": "登录", "login.role": "角色", "login.submit": "登录", "login.failed": "登录失败",
    "signOut": "退出",
    "tickets.title": "工单", "tickets.q": "文本（标题、描述、外部编号）", "tickets.search": "搜索",
    "tickets.more": "更多", "tickets.none": "没有匹配的工单。", "tickets.export": "导出 CSV", "tickets.shown": "已显示 {n} 条",
    "f.status": "状态", "f.priority": "优先级", "f.region": "区域", "f.customerId": "客户", "f.engineerId": "工程师",
    "f.serviceType": "服务类型", "f.slaState": "SLA", "f.breached": "违约时钟", "f.createdFrom": "创建起",
    "f.createdTo": "创建止", "f.breachedFrom": "违约起", "f.breachedTo": "违约止", "f.sort": "排序", "f.tier": "客户等级", "f.from": "起", "f.to": "止",
    "f.groupBy": "分组", "f.any": "全部", "f.stream": "流", "f.type": "事件类型", "f.actor": "操作人",
    "col.ticket": "工单", "col.title": "标题", "col.status": "状态", "col.priority": "优先级", "col.region": "区域",
    "col.customer": "客户", "col.engineer": "工程师", "col.sla": "SLA", "col.created": "创建", "col.resolved": "解决",
    "col.group": "分组", "col.createdCount": "创建数", "col.resolvedCount": "解决数", "col.cancelled": "取消数",
    "col.respond": "响应", "col.arrive": "到场", "col.mttr": "平均修复时间", "col.mttrNet": "不含等待的修复时间",
    "col.ftf": "一次修复率", "col.breached": "违约", "col.compliance": "SLA 达成率", "col.csat": "CSAT", "col.nps": "NPS",
    "col.ces": "CES", "col.surveys": "回访", "col.stage": "阶段", "col.tickets": "工单数", "col.mean": "平均", "col.total": "合计",
    "col.age": "平均时长", "col.oldest": "最早", "col.at": "时间", "col.type": "事件", "col.actor": "操作人", "col.stream": "流",
    "col.why": "原因", "col.view": "视图",
    "panel.audit": "审计记录", "panel.close": "关闭", "panel.customerAudit": "客户记录", "panel.engineerAudit": "工程师记录",
    "reports.title": "报表", "reports.show": "查看", "reports.export": "导出 CSV",
    "view.kpis": "关键指标", "view.stages": "各阶段用时", "view.backlog": "积压", "view.5-15-30": "5-15-30", "view.audit": "审计记录",
    "kpis.daily": "每日趋势", "stages.bottleneck": "瓶颈：{stage}", "backlog.open": "{n} 张未完成工单",
    "v5.live": "最近 5 分钟", "v5.team": "15 天团队效率", "v5.customers": "近 30 天与前 30 天（按客户等级）",
    "v5.current": "近 30 天", "v5.previous": "前 30 天",
    "loading": "加载中…", "error": "失败", "noData": "该时间段内没有数据。",
  },
};

/** The word for key in the page's language; {name} placeholders filled from params. */
export function w(key, params) {
  const text = words[lang()]?.[key] ?? words.en[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? "") : text;
}
