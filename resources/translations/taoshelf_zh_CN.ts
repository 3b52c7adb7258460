<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="84"/>
        <source>TaoShelf hit an unexpected error</source>
        <translation>淘上架遇到了意外错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="85"/>
        <source>Something went wrong. Your sheet and upload journal are safe.

%1

Details are in the log folder: %2</source>
        <translation>出了点问题。你的表格和上架记录都是安全的。

%1

详细信息在日志文件夹：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="101"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="114"/>
        <source>TaoShelf closed unexpectedly last time</source>
        <translation>淘上架上次意外关闭了</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="115"/>
        <source>TaoShelf closed unexpectedly last time. What it was doing is recorded in:
%1

If this happens again, please send that file to us. Products already listed are in the upload journal: the next upload continues where it stopped.</source>
        <translation>淘上架上次意外关闭了。当时的情况记录在：
%1

如果再次出现，请把这个文件发给我们。已经上架的商品都记在上架记录里：再次上架会从中断的地方继续，不会重复上架。</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="29"/>
        <source>Match columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="33"/>
        <source>Tell TaoShelf what each column of your sheet holds. Your choice is remembered for sheets with the same headers.</source>
        <translation>告诉淘上架表格里每一列是什么内容。你的选择会被记住，以后表头相同的表格都按这样读取。</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="44"/>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="57"/>
        <source>(not recognised)</source>
        <translation>（未识别）</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="92"/>
        <source>not imported: kept as it is, not uploaded</source>
        <translation>不导入：原样保留，不上传</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="103"/>
        <source>Columns %1 and %2 both hold the same field; choose one.</source>
        <translation>%1 列和 %2 列选了同一个内容，请只保留一列。</translation>
    </message>
</context>
<context>
    <name>ConfirmRunDialog</name>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="27"/>
        <source>Production</source>
        <translation>正式</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="28"/>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="29"/>
        <source>Local simulator</source>
        <translation>本地模拟</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="37"/>
        <source>Start the upload?</source>
        <translation>开始上架？</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="43"/>
        <source>Shop %1 · %2</source>
        <translation>店铺 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="53"/>
        <source>Will be listed</source>
        <translation>将要上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="54"/>
        <source>Already on the shop (skipped)</source>
        <translation>店铺里已有（跳过）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="55"/>
        <source>Refused before and unchanged (skipped)</source>
        <translation>上次被拒且未修改（跳过）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="56"/>
        <source>Errors in the sheet (not sent)</source>
        <translation>表格有错误（不上传）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="65"/>
        <source>Confirm: list on the real (production) shop</source>
        <translation>确认上架到正式店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="70"/>
        <source>Start upload</source>
        <translation>开始上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="71"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="83"/>
        <source>These products go on sale in your real shop, for buyers to see.</source>
        <translation>这些宝贝会出现在你的正式店铺里，买家可以看到。</translation>
    </message>
</context>
<context>
    <name>FileJobs</name>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="79"/>
        <source>Save results</source>
        <translation>保存上架结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="81"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="87"/>
        <source>The results cannot replace the sheet itself: choose another name.</source>
        <translation>结果不能覆盖商品表格本身：请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="102"/>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="104"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="112"/>
        <source>The template cannot replace the open sheet: choose another name.</source>
        <translation>模板不能覆盖正在打开的表格：请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="121"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="124"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="125"/>
        <source>Saved to:
%1</source>
        <translation>已保存到：
%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="129"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="139"/>
        <source>Could not save the file: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="65"/>
        <source>TaoShelf</source>
        <translation>淘上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="65"/>
        <source> — demo</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="90"/>
        <source>Open sheet…</source>
        <translation>打开表格…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="91"/>
        <source>Match columns…</source>
        <translation>列对应…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="204"/>
        <source>Product sheets (%1)</source>
        <translation>商品表格 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="228"/>
        <source> — checking the pictures…</source>
        <translation> — 正在检查图片…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="260"/>
        <source>(still showing %1)</source>
        <translation>（仍显示 %1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296"/>
        <source>No failed rows to retry.</source>
        <translation>没有失败的行需要重试。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="347"/>
        <source>; %1 column(s) not recognised — use Match columns</source>
        <translation>；%1 列没有认出来，请用“列对应”指定</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="121"/>
        <source>Demo mode: connected to the built-in Taobao simulator, nothing is sent to Taobao.</source>
        <translation>演示模式：已连接内置的淘宝模拟器，不会向淘宝发送任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>Shop: %1 · %2</source>
        <translation>店铺：%1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="193"/>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="203"/>
        <source>Open product sheet</source>
        <translation>打开商品表格</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="338"/>
        <source>%1: %2 rows — %3 ready to upload, %4 with errors, %5 with warnings</source>
        <translation>%1：共 %2 行 — %3 行可上架，%4 行有错误，%5 行有提醒</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../app/ui/table_model.py" line="150"/>
        <source>Listed, item ID %1</source>
        <translation>已上架，宝贝ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="186"/>
        <source>Already listed, item ID %1</source>
        <translation>之前已上架，宝贝ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="226"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="227"/>
        <source>Picture</source>
        <translation>主图</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="228"/>
        <source>Outer ID</source>
        <translation>商家编码</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="229"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="230"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="231"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="232"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="233"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="273"/>
        <source> (+%1 more)</source>
        <translation>（另有 %1 个问题）</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="276"/>
        <source>Ready</source>
        <translation>可上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="277"/>
        <source>Uploading…</source>
        <translation>上架中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="278"/>
        <source>Already listed</source>
        <translation>已上架过</translation>
    </message>
</context>
<context>
    <name>ReauthBar</name>
    <message>
        <location filename="../../app/ui/reauth_bar.py" line="21"/>
        <source>Authorise again</source>
        <translation>重新授权</translation>
    </message>
    <message>
        <location filename="../../app/ui/reauth_bar.py" line="22"/>
        <source>Cancel upload</source>
        <translation>取消上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/reauth_bar.py" line="35"/>
        <source>The shop&apos;s authorisation has lapsed; the upload is paused until you authorise it again.</source>
        <translation>店铺授权已失效，上架已暂停，重新授权后会自动继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/reauth_bar.py" line="45"/>
        <source>Finish the authorisation in your browser; the upload goes on by itself afterwards.</source>
        <translation>请在浏览器中完成授权，完成后上架会自动继续。</translation>
    </message>
</context>
<context>
    <name>RunBanner</name>
    <message>
        <location filename="../../app/ui/run_banner.py" line="26"/>
        <source>Wait for the quota and go on</source>
        <translation>等额度恢复后自动继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_banner.py" line="44"/>
        <source>Taobao asked us to slow down: every request waits until %1, then the upload goes on by itself.</source>
        <translation>淘宝限流：全部请求暂停到 %1，之后自动继续上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_banner.py" line="56"/>
        <source>midnight, China time</source>
        <translation>北京时间零点</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_banner.py" line="58"/>
        <source>Today&apos;s call quota is used up. It comes back at %1; the upload waits and goes on by itself. Untick to stop now instead.</source>
        <translation>今日调用额度已用完，将于 %1 恢复；上架会等待，额度恢复后自动继续。取消勾选则现在停止。</translation>
    </message>
</context>
<context>
    <name>RunCoordinator</name>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="129"/>
        <source>The rows that failed are no longer in the sheet.</source>
        <translation>失败的那些行已经不在表格里了。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="137"/>
        <source>Nothing was started: %1 could not be read.</source>
        <translation>没有开始上架：无法读取 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="185"/>
        <source>Stopping: waiting for the requests already sent…</source>
        <translation>正在停止：等待已发出的请求完成…</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="242"/>
        <source>Upload in progress</source>
        <translation>正在上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="244"/>
        <source>An upload is running. Closing the window stops it: the requests already sent are waited for (at most %1 s) and recorded, and the next start continues where it stopped, without listing anything twice.</source>
        <translation>正在上架。关闭窗口会停止上架：已发出的请求会等它完成（最多 %1 秒）并记录下来，下次开始会从停下的地方继续，不会重复上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="251"/>
        <source>Stop and close</source>
        <translation>停止并关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="252"/>
        <source>Keep uploading</source>
        <translation>继续上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="276"/>
        <source>Closing: waiting for the requests already sent (at most %1 s)…</source>
        <translation>正在关闭：等待已发出的请求完成（最多 %1 秒）…</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../../app/ui/run_text.py" line="22"/>
        <source>estimating</source>
        <translation>估算中</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="28"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="34"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="38"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="56"/>
        <source>%1 listed</source>
        <translation>本次上架 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="57"/>
        <source>%1 failed</source>
        <translation>失败 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="60"/>
        <source>%1 already on the shop</source>
        <translation>之前已在店铺 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="61"/>
        <source>%1 with errors in the sheet, not sent</source>
        <translation>表格有错误未上传 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="62"/>
        <source>%1 refused before and unchanged, not sent again</source>
        <translation>上次被拒且未修改、未重新发送 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="63"/>
        <source>%1 to be checked on the next run</source>
        <translation>结果待核对 %1 行（下次运行先核对）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="67"/>
        <source>%1 waiting for the quota</source>
        <translation>等待额度 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="72"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="77"/>
        <source>%1 left</source>
        <translation>剩余 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="78"/>
        <source>%1 calls/s</source>
        <translation>%1 次/秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="80"/>
        <source>about %1 to go</source>
        <translation>还需约 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="85"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="86"/>
        <source>Waiting for the shop to be authorised</source>
        <translation>等待重新授权</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="87"/>
        <source>Waiting for the quota</source>
        <translation>等待额度恢复</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="88"/>
        <source>Slowed down by Taobao</source>
        <translation>淘宝限流等待中</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="91"/>
        <location filename="../../app/ui/run_text.py" line="109"/>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="98"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="99"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="100"/>
        <source>Stopped: today&apos;s call quota is used up</source>
        <translation>已停止（今日调用额度已用完）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="101"/>
        <source>Stopped: the shop must be authorised again</source>
        <translation>已停止（店铺需要重新授权）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="102"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="106"/>
        <source>%1 not reached</source>
        <translation>未处理 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="110"/>
        <source>%1 rows</source>
        <translation>共 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="111"/>
        <source> — </source>
        <translation>——</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="113"/>
        <source>, in %1</source>
        <translation>，用时 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="114"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="119"/>
        <source>The quota comes back at %1; start again then to go on.</source>
        <translation>额度将于 %1 恢复，届时点 开始上架 继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="127"/>
        <source>Start again to continue where it stopped; nothing is listed twice.</source>
        <translation>再次开始会从停下的地方继续，不会重复上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="33"/>
        <source>Start upload</source>
        <translation>开始上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="35"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="37"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="38"/>
        <source>Retry failed</source>
        <translation>重试失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="40"/>
        <source>Export results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="53"/>
        <source>Wait for the quota and go on</source>
        <translation>等额度恢复后自动继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="56"/>
        <source>When today&apos;s call quota is used up, wait until Taobao resets it (at midnight, China time) and go on by itself; otherwise the upload stops there.</source>
        <translation>今日调用额度用完时，等淘宝恢复额度（北京时间零点）后自动继续；不勾选则在那里停止。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="123"/>
        <source>Connecting to the shop and checking what is on it already…</source>
        <translation>正在连接店铺，核对哪些宝贝已在店铺里…</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="149"/>
        <source>Not started: nothing was sent.</source>
        <translation>没有开始：什么都没有发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="147"/>
        <source>The upload could not start: %1</source>
        <translation>上架没能开始：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="36"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>RunState</name>
    <message>
        <location filename="../../app/ui/run_state.py" line="99"/>
        <source>The sheet is still being read; try again in a moment.</source>
        <translation>表格还在读取中，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_state.py" line="100"/>
        <source>Open a product sheet first.</source>
        <translation>请先打开商品表格。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_state.py" line="102"/>
        <source>An upload is running: wait for it to finish (or cancel it) before opening another sheet. The rows of this run stay as they are.</source>
        <translation>正在上架：请等它结束（或取消）后再打开别的表格。这次上架的行保持不变。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_state.py" line="108"/>
        <source>An upload is running: match the columns again once it has finished.</source>
        <translation>正在上架：请等上架结束后再设置列对应。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_state.py" line="112"/>
        <source>An upload is running: export the results once it has finished.</source>
        <translation>正在上架：请等上架结束后再导出结果。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_state.py" line="115"/>
        <source>An upload is already running.</source>
        <translation>已经在上架了。</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../app/ui/start_page.py" line="29"/>
        <source>Drag your product sheet (.xlsx / .csv) here</source>
        <translation>把商品表格（.xlsx / .csv）拖到这里</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_page.py" line="31"/>
        <source>Pictures pasted into the cells are read too.</source>
        <translation>粘贴在单元格里的图片也会一起读取。</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_page.py" line="40"/>
        <source>Open sheet…</source>
        <translation>打开表格…</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_page.py" line="43"/>
        <source>Download template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_page.py" line="53"/>
        <source>Recent sheets</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../../app/ui/start_page.py" line="74"/>
        <source>(file not found)</source>
        <translation>（文件不在了）</translation>
    </message>
</context>
<context>
    <name>TablePane</name>
    <message>
        <location filename="../../app/ui/table_pane.py" line="57"/>
        <source>Select a row to see what is wrong with it.</source>
        <translation>选中一行，查看它的问题和上架结果。</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../app/ui/window_menus.py" line="55"/>
        <source>&amp;Open sheet…</source>
        <translation>打开表格(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="57"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="59"/>
        <source>Download &amp;template…</source>
        <translation>下载模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="62"/>
        <source>&amp;Match columns…</source>
        <translation>列对应(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="65"/>
        <source>&amp;Search rows</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="67"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="69"/>
        <source>&amp;About TaoShelf</source>
        <translation>关于淘上架(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="72"/>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="77"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="85"/>
        <source>&amp;Upload</source>
        <translation>上架(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="98"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="122"/>
        <source>(none yet)</source>
        <translation>（还没有）</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="136"/>
        <source>About TaoShelf</source>
        <translation>关于淘上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="137"/>
        <source>TaoShelf (淘上架) %1
Lists products on Taobao in bulk from an Excel sheet.

Log folder: %2
Data folder: %3</source>
        <translation>淘上架 TaoShelf %1
从 Excel 表格批量上架淘宝宝贝。

日志文件夹：%2
数据文件夹：%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="162"/>
        <source>%1 rows are not listed yet</source>
        <translation>还有 %1 行没有上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="164"/>
        <source>it did not finish</source>
        <translation>没有正常结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="168"/>
        <source>Continue the last upload?</source>
        <translation>继续上次的上架？</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="169"/>
        <source>The last upload of %1 (shop %2 · %3) was not finished: %4.
Open the sheet and continue? Products already listed are not listed again.</source>
        <translation>上次上架「%1」（店铺 %2 · %3）没有完成：%4。
打开这个表格继续吗？已上架的宝贝不会重复上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="182"/>
        <source>Open and continue</source>
        <translation>打开并继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="184"/>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
</context>
</TS>
