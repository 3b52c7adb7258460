<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="62"/>
        <source>TaoShelf hit an unexpected error</source>
        <translation>淘上架遇到了意外错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="63"/>
        <source>Something went wrong. Your sheet and upload journal are safe.

%1

Details are in the log folder: %2</source>
        <translation>出了点问题。你的表格和上架记录都是安全的。

%1

详细信息在日志文件夹：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="81"/>
        <source>TaoShelf closed unexpectedly last time</source>
        <translation>淘上架上次意外关闭了</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="82"/>
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
        <location filename="../../app/ui/mapping_dialog.py" line="28"/>
        <source>Match columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="32"/>
        <source>Tell TaoShelf what each column of your sheet holds. Your choice is remembered for sheets with the same headers.</source>
        <translation>告诉淘上架表格里每一列是什么内容。你的选择会被记住，以后表头相同的表格都按这样读取。</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="42"/>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="50"/>
        <source>(not recognised)</source>
        <translation>（未识别）</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="88"/>
        <source>Columns %1 and %2 both hold the same field; choose one.</source>
        <translation>%1 列和 %2 列选了同一个内容，请只保留一列。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="71"/>
        <source>TaoShelf</source>
        <translation>淘上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="71"/>
        <source> — demo</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="86"/>
        <source>Open sheet…</source>
        <translation>打开表格…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="88"/>
        <source>Match columns…</source>
        <translation>列对应…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="98"/>
        <source>Drag your product sheet (.xlsx / .csv) here</source>
        <translation>把商品表格（.xlsx / .csv）拖到这里</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="129"/>
        <source>Select a row to see what is wrong with it.</source>
        <translation>选中一行，查看它的问题和上架结果。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="164"/>
        <source>Demo mode: connected to the built-in Taobao simulator, nothing is sent to Taobao.</source>
        <translation>演示模式：已连接内置的淘宝模拟器，不会向淘宝发送任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="172"/>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="179"/>
        <source>Open product sheet</source>
        <translation>打开商品表格</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="181"/>
        <source>Product sheets (*.xlsx *.xlsm *.csv *.xls)</source>
        <translation>商品表格 (*.xlsx *.xlsm *.csv *.xls)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="233"/>
        <source>Could not read the sheet: %1</source>
        <translation>无法读取表格：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="277"/>
        <source>Uploading %1 products…</source>
        <translation>正在上架 %1 个商品…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="320"/>
        <source>Save results</source>
        <translation>保存上架结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="322"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="330"/>
        <source>Results saved: %1</source>
        <translation>结果表已保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="334"/>
        <source>Could not save the results: %1</source>
        <translation>结果表没能保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="358"/>
        <source>%1: %2 rows — %3 ready to upload, %4 with errors, %5 with warnings</source>
        <translation>%1：共 %2 行 — %3 行可上架，%4 行有错误，%5 行有提醒</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="365"/>
        <source>; %n column(s) not recognised — use Match columns</source>
        <translation>
            <numerusform>；%n 列未识别，可点“列对应”设置</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../app/ui/table_model.py" line="148"/>
        <source>Listed, item ID %1</source>
        <translation>已上架，宝贝ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="184"/>
        <source>Already listed, item ID %1</source>
        <translation>之前已上架，宝贝ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="224"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="225"/>
        <source>Picture</source>
        <translation>主图</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="226"/>
        <source>Outer ID</source>
        <translation>商家编码</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="227"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="228"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="229"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="230"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="231"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="271"/>
        <source> (+%1 more)</source>
        <translation>（另有 %1 个问题）</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="274"/>
        <source>Ready</source>
        <translation>可上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="275"/>
        <source>Uploading…</source>
        <translation>上架中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_model.py" line="276"/>
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
    <name>RunPanel</name>
    <message>
        <location filename="../../app/ui/run_panel.py" line="13"/>
        <source>estimating</source>
        <translation>估算中</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="18"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="20"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="21"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="34"/>
        <source>Start upload</source>
        <translation>开始上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="41"/>
        <location filename="../../app/ui/run_panel.py" line="75"/>
        <location filename="../../app/ui/run_panel.py" line="148"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="42"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="43"/>
        <source>Retry failed</source>
        <translation>重试失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="44"/>
        <source>Export results…</source>
        <translation>导出结果…</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="92"/>
        <source>Checking which products are already on the shop…</source>
        <translation>正在核对店铺里已有的商品…</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="99"/>
        <source>Listed %1 · failed %2 · left %3 · %4 calls/s · about %5 to go</source>
        <translation>已上架 %1 · 失败 %2 · 剩余 %3 · %4 次调用/秒 · 预计还需 %5</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="112"/>
        <source>The upload could not start: %1</source>
        <translation>上架没能开始：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="115"/>
        <source>Done: %1 of %2 listed, %3 failed, in %4.</source>
        <translation>完成：%2 个中已上架 %1 个，失败 %3 个，用时 %4。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/run_panel.py" line="124"/>
        <source>%n row(s) with errors in the sheet were not sent.</source>
        <translation>
            <numerusform>%n 行表格里有错误，未上传。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/run_panel.py" line="129"/>
        <source>%n row(s) Taobao refused before were not sent again: change them first.</source>
        <translation>
            <numerusform>%n 行之前被淘宝拒绝且未修改，没有再次上传：请先修改。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="137"/>
        <source>Cancelled; start again to continue where it stopped.</source>
        <translation>已取消；再次点击开始上架会从停下的地方继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_panel.py" line="148"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
</TS>
