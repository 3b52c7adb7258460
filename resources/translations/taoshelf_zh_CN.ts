<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="87"/>
        <source>TaoShelf hit an unexpected error</source>
        <translation>淘上架遇到了意外错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="88"/>
        <source>Something went wrong. Your sheet and upload journal are safe.

%1

Details are in the log folder: %2</source>
        <translation>出了点问题。你的表格和上架记录都是安全的。

%1

详细信息在日志文件夹：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="104"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="117"/>
        <source>TaoShelf closed unexpectedly last time</source>
        <translation>淘上架上次意外关闭了</translation>
    </message>
    <message>
        <location filename="../../app/ui/application.py" line="118"/>
        <source>TaoShelf closed unexpectedly last time. What it was doing is recorded in:
%1

If this happens again, please send that file to us. Products already listed are in the upload journal: the next upload continues where it stopped.</source>
        <translation>淘上架上次意外关闭了。当时的情况记录在：
%1

如果再次出现，请把这个文件发给我们。已经上架的商品都记在上架记录里：再次上架会从中断的地方继续，不会重复上架。</translation>
    </message>
</context>
<context>
    <name>AuthBox</name>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="25"/>
        <source>Copy address</source>
        <translation>复制网址</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="28"/>
        <source>paste the address or the code here</source>
        <translation>在这里粘贴网址或授权码</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="30"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="32"/>
        <source>Cancel authorisation</source>
        <translation>取消授权</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="44"/>
        <source>Opening the browser…</source>
        <translation>正在打开浏览器…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="55"/>
        <source>Sign in to the shop&apos;s account in the browser and agree; TaoShelf goes on by itself. If the browser did not open, copy the address below into it. If the browser does not come back to TaoShelf, paste the address it ends on here:</source>
        <translation>请在浏览器中登录店铺账号并同意授权，淘上架会自动继续。如果浏览器没有打开，请把下面的网址复制到浏览器中。如果浏览器没有回到淘上架，请把授权后浏览器地址栏中的网址粘贴到这里：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_auth_box.py" line="60"/>
        <source>Sign in to the shop&apos;s account in the browser and agree, then copy the address the browser ends on (it contains code=…) and paste it here:</source>
        <translation>请在浏览器中登录店铺账号并同意授权，然后复制授权后浏览器地址栏中的网址（其中含有 code=…），粘贴到这里：</translation>
    </message>
</context>
<context>
    <name>CategoryLine</name>
    <message>
        <location filename="../../app/ui/category_line.py" line="34"/>
        <location filename="../../app/ui/category_line.py" line="106"/>
        <source>Download the whole category tree</source>
        <translation>下载完整类目树</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="35"/>
        <source>Continue downloading the tree</source>
        <translation>继续下载类目树</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="39"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="51"/>
        <source>Downloading category data (%1 categories)…</source>
        <translation>正在下载类目数据（%1 个类目）…</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="53"/>
        <source> %1 calls so far</source>
        <translation>已调用 %1 次</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="56"/>
        <source>Could not download the category data: %1</source>
        <translation>没能下载类目数据：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="59"/>
        <source>about %1 calls</source>
        <translation>约 %1 次接口调用</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="60"/>
        <source>at least %1 calls</source>
        <translation>至少 %1 次接口调用</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="62"/>
        <source>%1 row(s) give their category by name only: finding it needs the whole category tree (%2)</source>
        <translation>%1 行的类目只写了名称，要下载完整类目树才能找到（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="66"/>
        <source>Downloading the whole category tree: %1 of about %2 calls…</source>
        <translation>正在下载完整类目树：已调用 %1 次，约 %2 次…</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="70"/>
        <source>Downloading the category tree was stopped; the next download continues where it stopped.</source>
        <translation>类目树下载已停止，下次下载会接着进行</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="78"/>
        <source>; %1 column(s) may be category properties: the category data is downloaded automatically once a shop is connected</source>
        <translation>；%1 列可能是类目属性：连接店铺后会自动下载类目数据并识别</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="81"/>
        <source>; %1 column(s) may be category properties: they are recognised once the category data is there</source>
        <translation>；%1 列可能是类目属性：类目数据下载好后会自动识别</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="98"/>
        <source>Categories</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="107"/>
        <source>%1

Download it now? You can stop at any time; the next download continues where it stopped.</source>
        <translation>%1

现在下载吗？可以随时停止，下次下载会接着进行。</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_line.py" line="110"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <location filename="../../app/ui/category_picker.py" line="95"/>
        <source>Choose a category</source>
        <translation>选择类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="104"/>
        <source>Name, path or category ID, e.g. 连衣裙, 女装 &gt; 连衣裙 or 50010850</source>
        <translation>输入类目名称、路径或类目ID，如 连衣裙、女装 &gt; 连衣裙、50010850</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="107"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="107"/>
        <source>Category ID</source>
        <translation>类目ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="111"/>
        <source>Reading the categories…</source>
        <translation>正在读取类目…</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="113"/>
        <source>Download the whole category tree…</source>
        <translation>下载完整类目树…</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="121"/>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="166"/>
        <source>Could not read the categories: %1</source>
        <translation>没能读取类目：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="174"/>
        <source>%1 categories (the whole tree).</source>
        <translation>共 %1 个类目（完整类目树）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="179"/>
        <source>Only the %1 categories downloaded so far are searched; open the levels below to browse the rest, or download the whole tree.</source>
        <translation>只在已下载的 %1 个类目里搜索；其余的可以在下面逐级展开浏览，或下载完整类目树。</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="190"/>
        <source>Recently used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="212"/>
        <source>%1 (now)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="224"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="243"/>
        <source>Could not read this level: %1</source>
        <translation>没能读取这一级：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="273"/>
        <source>%1 (a parent category: open it and choose below)</source>
        <translation>%1（上级类目：请展开后选择下面的类目）</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="280"/>
        <source>Looking it up on Taobao…</source>
        <translation>正在向淘宝查询…</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="287"/>
        <source>%1 found among %2 categories.</source>
        <translation>在 %2 个类目中找到 %1 个。</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="294"/>
        <source>Nothing found for 「%1」.</source>
        <translation>没有找到「%1」。</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="295"/>
        <source> Closest: see the list.</source>
        <translation>最接近的见列表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/category_picker.py" line="304"/>
        <source>Could not look it up: %1</source>
        <translation>没能查询：%1</translation>
    </message>
</context>
<context>
    <name>CellEditor</name>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="50"/>
        <source>Province and city, e.g. 浙江 杭州</source>
        <translation>省份和城市，例如 浙江 杭州</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="51"/>
        <source>Price in yuan, at most two decimals</source>
        <translation>价格（元），最多两位小数</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="52"/>
        <source>Leaf category number</source>
        <translation>叶子类目编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="53"/>
        <source>Outer ID (商家编码)</source>
        <translation>商家编码</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="34"/>
        <source>Match columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="38"/>
        <source>Tell TaoShelf what each column of your sheet holds. Your choice is remembered for sheets with the same headers.</source>
        <translation>告诉淘上架表格里每一列是什么内容。你的选择会被记住，以后表头相同的表格都按这样读取。</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="49"/>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="63"/>
        <source>(not recognised)</source>
        <translation>（未识别）</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="98"/>
        <source>not imported: kept as it is, not uploaded</source>
        <translation>不导入：原样保留，不上传</translation>
    </message>
    <message>
        <location filename="../../app/ui/mapping_dialog.py" line="109"/>
        <source>Columns %1 and %2 both hold the same field; choose one.</source>
        <translation>%1 列和 %2 列选了同一个内容，请只保留一列。</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="84"/>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="94"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ConfirmRunDialog</name>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="33"/>
        <source>Send the changes to Taobao?</source>
        <translation>把修改同步到淘宝？</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="34"/>
        <source>Start the upload?</source>
        <translation>开始上架？</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="40"/>
        <source>Shop %1 · %2</source>
        <translation>店铺 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="50"/>
        <source>Will be listed</source>
        <translation>将要上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="51"/>
        <source>On the shop, your edits are sent</source>
        <translation>已在店铺里，发送你的修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="52"/>
        <source>Already on the shop (skipped)</source>
        <translation>店铺里已有（跳过）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="53"/>
        <source>Refused before and unchanged (skipped)</source>
        <translation>上次被拒且未修改（跳过）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="54"/>
        <source>Errors in the sheet (not sent)</source>
        <translation>表格有错误（不上传）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="55"/>
        <source>Skipped by you (not sent)</source>
        <translation>你设置跳过的（不上传）</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="64"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="65"/>
        <source>%1 on %2 row(s)</source>
        <translation>%1 %2 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="69"/>
        <source>Changes sent</source>
        <translation>同步的内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="71"/>
        <source>Confirm: list on the real (production) shop</source>
        <translation>确认上架到正式店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="76"/>
        <source>Sync changes</source>
        <translation>同步修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="77"/>
        <source>Start upload</source>
        <translation>开始上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="78"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/confirm_dialog.py" line="90"/>
        <source>These products go on sale in your real shop, for buyers to see.</source>
        <translation>这些宝贝会出现在你的正式店铺里，买家可以看到。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="87"/>
        <source>Select a row to see everything about it.</source>
        <translation>选中一行，这里显示它的全部信息。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="101"/>
        <source>Row %1 · %2</source>
        <translation>第 %1 行 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="133"/>
        <source>Not listed: Taobao refused it (see below)</source>
        <translation>未上架：淘宝拒绝了（原因见下方）</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="145"/>
        <source>Taobao&apos;s answer</source>
        <translation>淘宝的回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="152"/>
        <source>Error code: %1</source>
        <translation>错误代码：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="154"/>
        <source>The row has been changed since: the next upload sends it again.</source>
        <translation>这一行之后改过：下次上架会重新发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="158"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="168"/>
        <source>the built-in Taobao simulator</source>
        <translation>内置的淘宝模拟器</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="169"/>
        <source>the Taobao sandbox</source>
        <translation>淘宝沙箱</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="170"/>
        <source>Item ID %1 is on %2: it has no real Taobao page.</source>
        <translation>宝贝ID %1 在%2里，没有真实的淘宝页面。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="172"/>
        <source>Open item page</source>
        <translation>打开宝贝页面</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="187"/>
        <source>Your corrections (the sheet file is unchanged)</source>
        <translation>你的修改（表格文件本身没有改动）</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="190"/>
        <source>%1: 「%2」 → 「%3」, %4</source>
        <translation>%1：「%2」→「%3」，%4</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="194"/>
        <source>Row %1 </source>
        <translation>第 %1 行 </translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="195"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="202"/>
        <source>skip this row</source>
        <translation>跳过这一行</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="203"/>
        <source>Row %1 of the file has changed since these corrections were made, so they are not applied: %2</source>
        <translation>表格文件的第 %1 行在修改之后变过了，所以这些修改没有应用：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="205"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="213"/>
        <source>What to fix</source>
        <translation>需要修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="226"/>
        <source>Values</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="228"/>
        <source>Outer ID</source>
        <translation>商家编码</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="228"/>
        <source>(none: %1 is used)</source>
        <translation>（没有：使用自动生成的 %1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="230"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="231"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="232"/>
        <source> (from the cost price)</source>
        <translation>（由成本价计算）</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="233"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="39"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="48"/>
        <source>Category ID %1</source>
        <translation>类目ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="50"/>
        <source>No category yet</source>
        <translation>还没有填写类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="52"/>
        <source>Choose category…</source>
        <translation>选择类目…</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="67"/>
        <source>Properties of this category (* required)</source>
        <translation>类目属性（带 * 的必须填写）</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="74"/>
        <source>The properties of this category are not downloaded yet%1.</source>
        <translation>还没有这个类目的属性数据%1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_category.py" line="78"/>
        <source>SKUs (%1)</source>
        <translation>SKU（%1 个）</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="234"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="235"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="236"/>
        <source>Condition</source>
        <translation>新旧程度</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="238"/>
        <source>Sale type</source>
        <translation>出售方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="239"/>
        <source>On sale</source>
        <translation>上架状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="241"/>
        <source>Selling point</source>
        <translation>卖点</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="242"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="257"/>
        <source>Pictures</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="258"/>
        <source>Change pictures…</source>
        <translation>修改图片…</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="262"/>
        <source>No picture.</source>
        <translation>没有图片。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="264"/>
        <source>%1 picture(s)</source>
        <translation>%1 张图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="267"/>
        <source>Checking the pictures…</source>
        <translation>正在检查图片…</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="269"/>
        <source>Detail pictures (in the description): %1</source>
        <translation>详情图（放在宝贝描述里）：%1 张</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="270"/>
        <source>Colour pictures (shown for each colour): %1</source>
        <translation>颜色图（买家选颜色时显示）：%1 张</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="277"/>
        <source>Auto-fix before upload: %1</source>
        <translation>上传前自动处理：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_pane.py" line="278"/>
        <source>Uploaded as it is.</source>
        <translation>原样上传，不需要处理。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_listing.py" line="30"/>
        <source>The item on Taobao</source>
        <translation>淘宝上的宝贝</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_listing.py" line="39"/>
        <source>Item ID %1 was deleted when upload no. %2 was taken back. Uploads leave this row alone; to publish it as a new item, give the row a new outer ID.</source>
        <translation>宝贝ID %1 已在撤销第 %2 次上架时删除。以后上架不会再动这一行；要作为新宝贝重新发布，请给这一行换一个新的商家编码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_listing.py" line="43"/>
        <source>Item ID %1 was taken off sale when upload no. %2 was taken back: it is in the warehouse. Uploads leave this row alone; to put it back on sale, use Put back on sale in Upload history.</source>
        <translation>宝贝ID %1 已在撤销第 %2 次上架时下架，现在在仓库中。以后上架不会再动这一行；要重新上架，请在 上架记录 中点 重新上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_listing.py" line="48"/>
        <source>Upload history…</source>
        <translation>上架记录…</translation>
    </message>
    <message>
        <location filename="../../app/ui/detail_listing.py" line="56"/>
        <source>Taken back</source>
        <translation>已撤销上架</translation>
    </message>
</context>
<context>
    <name>FileJobs</name>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="90"/>
        <source>Save results</source>
        <translation>保存上架结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="92"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="98"/>
        <source>The results cannot replace the sheet itself: choose another name.</source>
        <translation>结果不能覆盖商品表格本身：请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="113"/>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="115"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="123"/>
        <source>The template cannot replace the open sheet: choose another name.</source>
        <translation>模板不能覆盖正在打开的表格：请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="132"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="135"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="136"/>
        <source>Saved to:
%1</source>
        <translation>已保存到：
%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="140"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/file_jobs.py" line="150"/>
        <source>Could not save the file: %1</source>
        <translation>无法保存文件：%1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="45"/>
        <source>Search title or outer ID (Ctrl+F)</source>
        <translation>搜索标题或商家编码（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="53"/>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="54"/>
        <source>Read the sheet file again (after changing it in Excel or WPS); your corrections here stay.</source>
        <translation>重新读取表格文件（在 Excel 或 WPS 里改过之后）；在这里做的修改会保留。</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="56"/>
        <source>Save a corrected copy…</source>
        <translation>写回表格…</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="58"/>
        <source>Save a copy of the sheet with your corrections; your own file is not changed.</source>
        <translation>把修改保存到表格的一个副本里；你原来的文件不会被改动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="59"/>
        <source>Retry all failed</source>
        <translation>重试全部失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="76"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="95"/>
        <source>All %1</source>
        <translation>全部 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="96"/>
        <source>Ready %1</source>
        <translation>可上架 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="97"/>
        <source>Errors %1</source>
        <translation>有错误 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="98"/>
        <source>Warnings %1</source>
        <translation>有提醒 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="99"/>
        <source>Failed %1</source>
        <translation>失败 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/filter_bar.py" line="100"/>
        <source>Listed %1</source>
        <translation>已上架 %1</translation>
    </message>
</context>
<context>
    <name>ListingSettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="55"/>
        <source>Listing settings</source>
        <translation>上架设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="57"/>
        <source>Settings of shop %1 (speed: %2)</source>
        <translation>店铺“%1”的上架设置（上架速度：%2环境）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="62"/>
        <source>Product defaults</source>
        <translation>商品默认值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="64"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="65"/>
        <source>Pictures</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="66"/>
        <source>Upload speed</source>
        <translation>上架速度</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="67"/>
        <source>Publishing</source>
        <translation>发布方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="74"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="75"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="89"/>
        <source>province, e.g. 浙江</source>
        <translation>省份，如 浙江</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="91"/>
        <source>city, e.g. 杭州</source>
        <translation>城市，如 杭州</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="95"/>
        <source>New</source>
        <translation>全新</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="95"/>
        <source>Second-hand</source>
        <translation>二手</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="96"/>
        <source>Fixed price</source>
        <translation>一口价</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="97"/>
        <source>Auction</source>
        <translation>拍卖</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="98"/>
        <source>On sale at once</source>
        <translation>出售中（立即上架）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="99"/>
        <source>In the warehouse (not on sale yet)</source>
        <translation>仓库中（先不上架）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="100"/>
        <source>Not set (sheet or Taobao&apos;s default)</source>
        <translation>不设置（按表格或淘宝默认）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="101"/>
        <source>Seller pays</source>
        <translation>卖家承担</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="102"/>
        <source>Buyer pays</source>
        <translation>买家承担</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="104"/>
        <source>freight template ID (digits), optional</source>
        <translation>运费模板ID（数字），可不填</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="106"/>
        <source>yuan, e.g. 8.00, optional</source>
        <translation>元，如 8.00，可不填</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="108"/>
        <source>used when a row has no description</source>
        <translation>表格中没有描述的商品使用这段描述</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="110"/>
        <source>Used for rows that leave the field empty; what the sheet says always wins. Freight is used only for rows without any freight column filled in.</source>
        <translation>表格中没有填写的项目使用这里的默认值；表格里填写的总是优先。运费设置只用于没有填写任何运费列的商品。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="120"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="121"/>
        <source>Condition</source>
        <translation>新旧程度</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="122"/>
        <source>Sale type</source>
        <translation>出售方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="123"/>
        <source>After listing</source>
        <translation>上架后状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="124"/>
        <source>Freight paid by</source>
        <translation>运费承担</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="125"/>
        <source>Freight template</source>
        <translation>运费模板</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="126"/>
        <source>Express fee</source>
        <translation>快递费</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="127"/>
        <source>Description</source>
        <translation>默认描述</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="131"/>
        <source>Fix pictures automatically</source>
        <translation>自动修正图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="132"/>
        <source>Pad pictures to a white square</source>
        <translation>图片补白成正方形</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="134"/>
        <source>Automatic fixing turns pictures upright, converts them to JPG and shrinks them under 3 MB; your files are never changed. Off, every such problem stops the row.</source>
        <translation>自动修正会把图片转正、转成 JPG 并压缩到 3 MB 以内；不会改动你的图片文件。关闭后，这类问题都会让该商品不能上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="146"/>
        <source>Default for this environment</source>
        <translation>使用这个环境的默认值</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="150"/>
        <source> calls per second</source>
        <translation> 次/秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="155"/>
        <source>When the daily quota runs out, wait for it to come back and go on</source>
        <translation>当天调用额度用完后，等额度恢复再自动继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="157"/>
        <source>Taobao limits how many calls an app may make; going faster than the limit gets the app paused. These apply to %1.</source>
        <translation>淘宝限制应用的调用次数，超过限制应用会被暂停调用。以下设置用于%1环境。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="166"/>
        <source>Calls per second</source>
        <translation>每秒调用次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="168"/>
        <source>Products at the same time</source>
        <translation>同时上架的数量</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="174"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="175"/>
        <source>taobao.item.add</source>
        <translation>taobao.item.add</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="176"/>
        <source>New publishing API (alibaba.item.publish)</source>
        <translation>新版发布接口（alibaba.item.publish）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="181"/>
        <source>Automatic uses taobao.item.add while this app has it; the first time Taobao says the app has no permission for it (or that it is gone), the products go through the new publishing API instead, and from then on too. Choosing again makes Automatic try taobao.item.add once more.</source>
        <translation>自动：应用有 taobao.item.add 权限时用它；淘宝第一次答复应用没有这个权限（或接口已下线）时，商品改用新版发布接口上架，以后也用它。重新选择一次，“自动”会再试一次 taobao.item.add。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="189"/>
        <source>Publish through</source>
        <translation>发布商品用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="219"/>
        <source>This app has no taobao.item.add permission in %1: Automatic publishes through the new publishing API (alibaba.item.publish).</source>
        <translation>此应用在%1环境没有 taobao.item.add 权限：“自动”已改用新版发布接口（alibaba.item.publish）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="247"/>
        <source>Could not save the settings: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="76"/>
        <source>TaoShelf</source>
        <translation>淘上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="76"/>
        <source> — demo</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="118"/>
        <source>Open sheet…</source>
        <translation>打开表格…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>Match columns…</source>
        <translation>列对应…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="236"/>
        <source>Product sheets (%1)</source>
        <translation>商品表格 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="289"/>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="292"/>
        <source>(still showing %1)</source>
        <translation>（仍显示 %1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="344"/>
        <source>No failed rows to retry.</source>
        <translation>没有失败的行需要重试。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="146"/>
        <source>Demo mode: connected to the built-in Taobao simulator, nothing is sent to Taobao.</source>
        <translation>演示模式：已连接内置的淘宝模拟器，不会向淘宝发送任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="219"/>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="235"/>
        <source>Open product sheet</source>
        <translation>打开商品表格</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="186"/>
        <source>%1: %2 rows — %3 ready to upload, %4 with errors, %5 with warnings</source>
        <translation>%1：共 %2 行 — %3 行可上架，%4 行有错误，%5 行有提醒</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="196"/>
        <source>, %1 being uploaded</source>
        <translation>，%1 行正在上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="198"/>
        <source>, %1 listed</source>
        <translation>，%1 行已上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="199"/>
        <source>, %1 failed</source>
        <translation>，%1 行失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="205"/>
        <source>; %1 column(s) not recognised — use Match columns</source>
        <translation>；%1 列没有认出来，请用“列对应”指定</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="208"/>
        <source> — checking the pictures…</source>
        <translation> — 正在检查图片…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_session.py" line="210"/>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
</context>
<context>
    <name>PictureDialog</name>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="75"/>
        <source>Pictures of this row</source>
        <translation>这一行的图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="78"/>
        <source>One picture per line; the first one is the main picture. Write a picture file&apos;s path or a web address. Lines like Sheet1!G5 are pictures inside the sheet.</source>
        <translation>每行一张图片，第一张是主图。可以写图片文件的路径或网址；像 Sheet1!G5 这样的是表格里的图片。</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="84"/>
        <source>Add picture files…</source>
        <translation>添加图片文件…</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="106"/>
        <source>Choose pictures</source>
        <translation>选择图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/cell_editors.py" line="107"/>
        <source>Pictures (*.jpg *.jpeg *.png *.gif *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.gif *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>PriceRuleBox</name>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="32"/>
        <source>Work out the price from the cost column (成本价)</source>
        <translation>按成本价计算一口价</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="40"/>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="43"/>
        <source>to the cent</source>
        <translation>精确到分</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="44"/>
        <source>whole yuan (e.g. 130.00)</source>
        <translation>整数元（如 130.00）</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="45"/>
        <source>ending in .90 (e.g. 129.90)</source>
        <translation>以 .90 结尾（如 129.90）</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="46"/>
        <source>ending in .99 (e.g. 129.99)</source>
        <translation>以 .99 结尾（如 129.99）</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="49"/>
        <source>Also replace prices the sheet already has</source>
        <translation>表格中已有的价格也按成本价重新计算</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="53"/>
        <source>Rows with a cost and no price get this price; the table marks computed prices. Endings round up, so the margin is never cut.</source>
        <translation>有成本价但没有价格的商品使用算出的价格，表格中会标出算出的价格。尾数只向上取，不会让利润变少。</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="57"/>
        <source>Markup</source>
        <translation>加价百分比</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="58"/>
        <source>Then add</source>
        <translation>再加金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="59"/>
        <source>Price ends</source>
        <translation>价格尾数</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="97"/>
        <source>Off: prices come only from the sheet.</source>
        <translation>未开启：价格只来自表格。</translation>
    </message>
    <message>
        <location filename="../../app/ui/price_rule_box.py" line="101"/>
        <source>Example: cost %1 yuan → price %2 yuan</source>
        <translation>例：成本 %1 元 → 一口价 %2 元</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../app/ui/table_cells.py" line="47"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="48"/>
        <source>Picture</source>
        <translation>主图</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="49"/>
        <source>Outer ID</source>
        <translation>商家编码</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="50"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="51"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="52"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="53"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="54"/>
        <source>Location</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="55"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="105"/>
        <source>Category ID %1</source>
        <translation>类目ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/table_cells.py" line="111"/>
        <source>Edited here; the sheet has %1</source>
        <translation>已在这里修改；表格里是 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="174"/>
        <source>Waiting for the daily quota</source>
        <translation>等待额度：今日调用额度用完，恢复后继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="176"/>
        <source>Skipped: you chose not to upload this row</source>
        <translation>已跳过（你选择不上传这一行）</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="182"/>
        <source> (+%1 more)</source>
        <translation>（另有 %1 个问题）</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="185"/>
        <source>Ready</source>
        <translation>可上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="186"/>
        <source>Uploading…</source>
        <translation>上架中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="190"/>
        <source> · %1 SKUs</source>
        <translation> · %1 个 SKU（颜色/尺码）</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="198"/>
        <source>Taken back · deleted</source>
        <translation>已撤销上架 · 已删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="200"/>
        <source>Taken back · off sale</source>
        <translation>已撤销上架 · 已下架</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="202"/>
        <source>Listed · %1 change(s) not on Taobao</source>
        <translation>已上架 · 有 %1 处修改未同步</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="205"/>
        <source>Changes sent: %1</source>
        <translation>已同步修改：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="208"/>
        <source>Listed now</source>
        <translation>上架成功</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="210"/>
        <source>Listed</source>
        <translation>已上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="213"/>
        <source>item ID %1</source>
        <translation>宝贝ID %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="221"/>
        <source>Not on Taobao yet: %1</source>
        <translation>还没同步到淘宝：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="224"/>
        <source>Sync changes sends %1.</source>
        <translation>点 同步修改 会发送：%1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_state.py" line="227"/>
        <source>Sent to Taobao by the last run: %1</source>
        <translation>刚才已同步到淘宝：%1</translation>
    </message>
</context>
<context>
    <name>ProductsPanel</name>
    <message>
        <location filename="../../app/ui/products_panel.py" line="159"/>
        <source>Could not check the correction: %1</source>
        <translation>无法检查这处修改：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/products_panel.py" line="192"/>
        <source>Corrections on %1 row(s) are not applied: those rows have changed in the file since. Select a row to see them.</source>
        <translation>有 %1 行的修改没有应用：这些行在表格文件里已经变了。选中该行可以查看。</translation>
    </message>
    <message>
        <location filename="../../app/ui/products_panel.py" line="195"/>
        <source>Discard them</source>
        <translation>丢弃这些修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_editing.py" line="91"/>
        <source>This product has several SKUs: its price and stock come from them. Correct them per SKU in the pane on the right.</source>
        <translation>这个宝贝有多个SKU：价格和库存来自各个SKU，请在右侧逐个修改SKU。</translation>
    </message>
</context>
<context>
    <name>PropertyEditor</name>
    <message>
        <location filename="../../app/ui/property_editor.py" line="203"/>
        <source>Required by this category</source>
        <translation>这个类目必须填写</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="220"/>
        <source>Choose several values</source>
        <translation>选择多个值</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="239"/>
        <source>Required: not filled in yet</source>
        <translation>必填：还没有填写</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="241"/>
        <source>Not sent</source>
        <translation>不会发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="243"/>
        <source>Sent as typed text: %1</source>
        <translation>作为自己填写的内容发送：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="244"/>
        <source>Sent: %1</source>
        <translation>发送：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="250"/>
        <source>Several values: separate them with 、</source>
        <translation>多个值用 、 隔开</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="251"/>
        <source>Type the value</source>
        <translation>填写内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="267"/>
        <source>Choose from the list or type your own</source>
        <translation>从列表里选，或自己填写</translation>
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
    <name>RowActions</name>
    <message>
        <location filename="../../app/ui/row_actions.py" line="53"/>
        <location filename="../../app/ui/row_actions.py" line="74"/>
        <source>Retry this row</source>
        <translation>重试这一行</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="54"/>
        <location filename="../../app/ui/row_actions.py" line="79"/>
        <source>Skip this row</source>
        <translation>跳过这一行</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="55"/>
        <source>Sync changes</source>
        <translation>同步修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="56"/>
        <source>Send the row&apos;s changes to its item on Taobao</source>
        <translation>把这一行的修改发送到淘宝上的宝贝</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="57"/>
        <source>Copy error message</source>
        <translation>复制错误信息</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="58"/>
        <source>Open item page</source>
        <translation>打开宝贝页面</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="59"/>
        <source>Undo my corrections</source>
        <translation>撤销我的修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="60"/>
        <source>Choose category…</source>
        <translation>选择类目…</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="61"/>
        <source>Retry all failed</source>
        <translation>重试全部失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="71"/>
        <source>Retry these rows</source>
        <translation>重试这些行</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="72"/>
        <source>Upload these rows</source>
        <translation>上架这些行</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="74"/>
        <source>Upload this row</source>
        <translation>上架这一行</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="80"/>
        <source>Don&apos;t skip this row</source>
        <translation>取消跳过</translation>
    </message>
    <message>
        <location filename="../../app/ui/row_actions.py" line="86"/>
        <source>This item is not on the real Taobao: no page.</source>
        <translation>这个宝贝不在真实的淘宝上，没有页面。</translation>
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
        <location filename="../../app/ui/run_coordinator.py" line="166"/>
        <source>No listed row has changes to send.</source>
        <translation>已上架的行没有需要同步的修改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="185"/>
        <source>The rows that failed are no longer in the sheet.</source>
        <translation>失败的那些行已经不在表格里了。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="193"/>
        <source>Nothing was started: %1 could not be read.</source>
        <translation>没有开始上架：无法读取 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="246"/>
        <source>Stopping: waiting for the requests already sent…</source>
        <translation>正在停止：等待已发出的请求完成…</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="292"/>
        <source>Please note</source>
        <translation>请注意</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="329"/>
        <source>Upload in progress</source>
        <translation>正在上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="331"/>
        <source>An upload is running. Closing the window stops it: the requests already sent are waited for (at most %1 s) and recorded, and the next start continues where it stopped, without listing anything twice.</source>
        <translation>正在上架。关闭窗口会停止上架：已发出的请求会等它完成（最多 %1 秒）并记录下来，下次开始会从停下的地方继续，不会重复上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="338"/>
        <source>Stop and close</source>
        <translation>停止并关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="339"/>
        <source>Keep uploading</source>
        <translation>继续上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_coordinator.py" line="363"/>
        <source>Closing: waiting for the requests already sent (at most %1 s)…</source>
        <translation>正在关闭：等待已发出的请求完成（最多 %1 秒）…</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../../app/ui/run_text.py" line="24"/>
        <source>estimating</source>
        <translation>估算中</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="30"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="36"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="40"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="58"/>
        <source>%1 listed</source>
        <translation>本次上架 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="59"/>
        <source>%1 failed</source>
        <translation>失败 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="62"/>
        <source>%1 changed on Taobao</source>
        <translation>%1 行的修改已同步到淘宝</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="63"/>
        <source>%1 already on the shop</source>
        <translation>之前已在店铺 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="64"/>
        <source>%1 with errors in the sheet, not sent</source>
        <translation>表格有错误未上传 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="65"/>
        <source>%1 skipped by you</source>
        <translation>已跳过 %1 行（你设置的）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="66"/>
        <source>%1 refused before and unchanged, not sent again</source>
        <translation>上次被拒且未修改、未重新发送 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="67"/>
        <source>%1 to be checked on the next run</source>
        <translation>结果待核对 %1 行（下次运行先核对）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="71"/>
        <source>%1 waiting for the quota</source>
        <translation>等待额度 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="76"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="81"/>
        <source>%1 left</source>
        <translation>剩余 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="82"/>
        <source>%1 calls/s</source>
        <translation>%1 次/秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="84"/>
        <source>about %1 to go</source>
        <translation>还需约 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="89"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="90"/>
        <source>Waiting for the shop to be authorised</source>
        <translation>等待重新授权</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="91"/>
        <source>Waiting for the quota</source>
        <translation>等待额度恢复</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="92"/>
        <source>Slowed down by Taobao</source>
        <translation>淘宝限流等待中</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="95"/>
        <location filename="../../app/ui/run_text.py" line="114"/>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="102"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="103"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="104"/>
        <source>Stopped: today&apos;s call quota is used up</source>
        <translation>已停止（今日调用额度已用完）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="105"/>
        <source>Stopped: the shop must be authorised again</source>
        <translation>已停止（店铺需要重新授权）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="106"/>
        <location filename="../../app/ui/run_text.py" line="108"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="107"/>
        <source>Stopped: the picture space is full</source>
        <translation>已停止（图片空间容量不足）</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="111"/>
        <source>%1 not reached</source>
        <translation>未处理 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="115"/>
        <source>%1 rows</source>
        <translation>共 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="116"/>
        <source> — </source>
        <translation>——</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="118"/>
        <source>, in %1</source>
        <translation>，用时 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="119"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="124"/>
        <source>The quota comes back at %1; start again then to go on.</source>
        <translation>额度将于 %1 恢复，届时点 开始上架 继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/run_text.py" line="132"/>
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
    <name>RunsDialog</name>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="112"/>
        <source>Upload history</source>
        <translation>上架记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="115"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="115"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="115"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="115"/>
        <source>Sheet</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="115"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="116"/>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="116"/>
        <source>Counts</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="116"/>
        <source>Its products now</source>
        <translation>这次上架的商品现在</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="123"/>
        <source>Undo this upload</source>
        <translation>撤销这次上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="124"/>
        <location filename="../../app/ui/runs_dialog.py" line="223"/>
        <source>Put back on sale</source>
        <translation>重新上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="125"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="126"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="127"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="179"/>
        <source>No uploads yet.</source>
        <translation>还没有上架记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="214"/>
        <source>the %1 products upload no. %2 created (%3, %4, shop %5, %6)</source>
        <translation>第 %2 次上架创建的 %1 个商品（%3，%4，店铺“%5”，%6）</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="219"/>
        <source>Take down %1? They go to the warehouse and can be put back on sale later.</source>
        <translation>要下架%1吗？它们会放入仓库，以后可以重新上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="220"/>
        <source>Take down</source>
        <translation>下架</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="222"/>
        <source>Put %1 back on sale?</source>
        <translation>要重新上架%1吗？</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="226"/>
        <source>Delete %1 for good? This cannot be undone. To only take them off sale, use Undo this upload instead.
Type %2 (the number of products) to confirm.</source>
        <translation>要永久删除%1吗？删除后无法恢复。只想暂时下架请用“撤销这次上架”。
确认删除请输入商品数量 %2：</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="229"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="247"/>
        <source>Connecting to the shop…</source>
        <translation>正在连接店铺…</translation>
    </message>
    <message>
        <location filename="../../app/ui/runs_dialog.py" line="256"/>
        <source>%1 of %2 done</source>
        <translation>已处理 %1 / %2</translation>
    </message>
</context>
<context>
    <name>SheetFile</name>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="26"/>
        <source>Could not save the copy: %1</source>
        <translation>无法保存副本：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="35"/>
        <source>Save a corrected copy</source>
        <translation>保存修改后的副本</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="36"/>
        <source>Same type as the sheet (*%1)</source>
        <translation>与原表格相同的类型 (*%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="38"/>
        <source>Saving the copy…</source>
        <translation>正在保存副本…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="42"/>
        <source>Copy saved: %1. It keeps everything of your sheet (pictures, formatting, formulas, other sheets); only the %2 corrected cell(s) differ. Your own file is unchanged.</source>
        <translation>副本已保存：%1。副本保留了原表格的全部内容（图片、格式、公式、其他工作表），只有修改过的 %2 个单元格不同。你原来的文件没有改动。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="47"/>
        <source> These cells held formulas and now hold the values: %1.</source>
        <translation>这些单元格原来是公式，副本里换成了数值：%1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="51"/>
        <source> Not in the copy: %1</source>
        <translation>没有写进副本的：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="65"/>
        <source>The sheet file has changed on disk (saved in Excel or WPS?). Read it again? Your corrections here are kept.</source>
        <translation>表格文件已在外面被修改（在 Excel 或 WPS 里保存过？）。要重新读取吗？在这里做的修改会保留。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_file.py" line="67"/>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
</context>
<context>
    <name>ShopForm</name>
    <message>
        <location filename="../../app/ui/shop_form.py" line="57"/>
        <source>e.g. My flagship store (optional)</source>
        <translation>如 我的旗舰店（可不填）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="59"/>
        <source>digits, e.g. 12345678</source>
        <translation>一串数字，如 12345678</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="78"/>
        <source>empty = this computer receives the answer by itself</source>
        <translation>不填 = 由本机自动接收授权结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="80"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="84"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="85"/>
        <source>App Key</source>
        <translation>App Key</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="86"/>
        <source>App Secret</source>
        <translation>App Secret</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="88"/>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="89"/>
        <source>Gateway address</source>
        <translation>网关地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="90"/>
        <source>Callback address</source>
        <translation>回调地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="95"/>
        <source>Authorise shop</source>
        <translation>授权店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="97"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="143"/>
        <source>The App Secret cannot be saved: see above.</source>
        <translation>无法保存 App Secret：请看上方的说明。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="148"/>
        <source>saved (leave empty to keep it)</source>
        <translation>已保存（不修改请留空）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="149"/>
        <source>Saved in the system keyring (%1).</source>
        <translation>已保存在系统钥匙串（%1）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="151"/>
        <source>paste the App Secret of your app</source>
        <translation>粘贴应用的 App Secret</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="152"/>
        <source>Saved in the system keyring (%1) when you click Save; never in a file.</source>
        <translation>点“保存”后保存在系统钥匙串（%1），不会写进任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="163"/>
        <source>Save the shop first, then authorise it.</source>
        <translation>请先保存店铺，再授权。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="172"/>
        <source>Not authorised in %1 yet: click Authorise shop.</source>
        <translation>还没有在%1环境授权：请点“授权店铺”。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="179"/>
        <source>Authorised shop: %1
Authorisation expires: %2
Write permission expires: %3</source>
        <translation>已授权店铺：%1
授权到期：%2
上架（写入）权限到期：%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="180"/>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="185"/>
        <source>Expired: click Authorise shop again before uploading.</source>
        <translation>已过期：上架前请重新点“授权店铺”。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="198"/>
        <source>Enter the App Secret (from the app&apos;s page on the Taobao open platform).</source>
        <translation>请填写 App Secret（在淘宝开放平台的应用管理中查看）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="201"/>
        <source>A shop with this App Key is already in the list.</source>
        <translation>列表中已经有这个 App Key 的店铺。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="219"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="230"/>
        <source>Waiting for the authorisation in the browser…</source>
        <translation>正在等待浏览器中的授权…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="237"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_form.py" line="244"/>
        <source>Authorised: shop %1.</source>
        <translation>授权成功：店铺“%1”。</translation>
    </message>
</context>
<context>
    <name>ShopMenu</name>
    <message>
        <location filename="../../app/ui/shop_menu.py" line="47"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_menu.py" line="48"/>
        <source>&amp;Shops…</source>
        <translation>店铺(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_menu.py" line="51"/>
        <source>&amp;Listing settings…</source>
        <translation>上架设置(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>ShopSwitcher</name>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="68"/>
        <source>No shop</source>
        <translation>未设置店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="69"/>
        <source>Set up your shop…</source>
        <translation>设置店铺…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="70"/>
        <source>No shop is set up yet: add it to upload.</source>
        <translation>还没有设置店铺：添加店铺后才能上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="73"/>
        <source>Shop: %1</source>
        <translation>店铺：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="74"/>
        <source>App Key %1 · %2</source>
        <translation>App Key %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="76"/>
        <source> · authorised as %1</source>
        <translation> · 已授权店铺“%1”</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="78"/>
        <source> (environment chosen when TaoShelf was started)</source>
        <translation>（启动淘上架时指定的环境）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="83"/>
        <source>Uploads go to your real Taobao shop.</source>
        <translation>商品会上架到你真实的淘宝店铺。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="102"/>
        <source>Manage shops…</source>
        <translation>管理店铺…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_switcher.py" line="112"/>
        <source>An upload is running: switch shops after it ends.</source>
        <translation>正在上架：请在上架结束后再切换店铺。</translation>
    </message>
</context>
<context>
    <name>ShopTasks</name>
    <message>
        <location filename="../../app/ui/shop_tasks.py" line="189"/>
        <source>The authorisation was cancelled.</source>
        <translation>已取消授权。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_tasks.py" line="198"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation>出现了意外错误，详细信息已写入日志。</translation>
    </message>
</context>
<context>
    <name>ShopText</name>
    <message>
        <location filename="../../app/ui/shop_text.py" line="26"/>
        <source>Production</source>
        <translation>正式</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="27"/>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="28"/>
        <source>Local simulator</source>
        <translation>本地模拟</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="34"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="36"/>
        <source>%1 (Beijing time)</source>
        <translation>%1（北京时间）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="42"/>
        <source>Open Settings → Shops</source>
        <translation>请打开 设置 → 店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="44"/>
        <source>No usable system keyring: TaoShelf cannot keep the App Secret safely. Make sure the Windows &quot;Credential Manager&quot; service is running, then try again.</source>
        <translation>找不到可用的系统钥匙串，无法安全保存 App Secret。请确认 Windows 的“凭据管理器”服务已启动，然后重试。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="50"/>
        <source>No shop is set up yet. %1 and add your shop (App Key and App Secret).</source>
        <translation>还没有设置店铺。%1，添加你的店铺（App Key 和 App Secret）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="53"/>
        <source>The App Secret of this shop is not saved. %1, enter the App Secret and save.</source>
        <translation>这个店铺的 App Secret 还没有保存。%1，填写 App Secret 并保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="56"/>
        <source>This shop is not authorised in this environment yet. %1 and click Authorise shop.</source>
        <translation>这个店铺在当前环境还没有授权。%1，点“授权店铺”。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="59"/>
        <source>Taobao refused this shop&apos;s authorisation.</source>
        <translation>淘宝拒绝了这个店铺的授权。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="61"/>
        <source> %1 and click Authorise shop.</source>
        <translation>%1，点“授权店铺”。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="63"/>
        <source>The local simulator needs its gateway address. %1 and fill in the gateway address.</source>
        <translation>本地模拟需要网关地址。%1，填写网关地址。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="66"/>
        <source>This run uses a session typed in by hand and cannot be authorised again here: cancel the run, authorise the shop in Settings → Shops, then start again.</source>
        <translation>这次上架使用的是手动提供的会话，无法在这里重新授权：请取消上架，在 设置 → 店铺 中授权店铺后再开始。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_text.py" line="71"/>
        <source>%1, check the shop&apos;s settings and try again.</source>
        <translation>%1，检查店铺设置后重试。</translation>
    </message>
</context>
<context>
    <name>ShopsDialog</name>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="53"/>
        <source>Shops</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="76"/>
        <source>Welcome to TaoShelf! First add your shop: the App Key and App Secret of your app on the Taobao open platform. Start with the sandbox to try it out, then authorise the shop.</source>
        <translation>欢迎使用淘上架！先添加你的店铺：填写应用在淘宝开放平台的 App Key 和 App Secret。建议先用沙箱试一试，然后授权店铺。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="92"/>
        <source>Add shop</source>
        <translation>添加店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="94"/>
        <location filename="../../app/ui/shop_dialog.py" line="184"/>
        <source>Remove shop</source>
        <translation>删除店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="96"/>
        <source>Use this shop</source>
        <translation>设为当前店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="111"/>
        <source>Later</source>
        <translation>稍后设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="111"/>
        <location filename="../../app/ui/shop_dialog.py" line="133"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="127"/>
        <source> · current</source>
        <translation> · 当前</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="172"/>
        <source>An upload is running: switch shops after it ends.</source>
        <translation>正在上架：请在上架结束后再切换店铺。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_dialog.py" line="185"/>
        <source>Remove shop %1? Its App Secret and authorisations are deleted from the system keyring; products already listed stay on Taobao.</source>
        <translation>删除店铺“%1”吗？它的 App Secret 和授权会从系统钥匙串中删除；已经上架的商品仍留在淘宝。</translation>
    </message>
</context>
<context>
    <name>SkuDialog</name>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="55"/>
        <source>SKU on row %1</source>
        <translation>第 %1 行的SKU</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="70"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="72"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>SkuLines</name>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="41"/>
        <source>stock %1</source>
        <translation>库存 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="43"/>
        <source>code %1</source>
        <translation>编码 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="45"/>
        <source>colour picture</source>
        <translation>颜色图</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="108"/>
        <source>The item&apos;s price and stock come from its SKUs: correct them per SKU.</source>
        <translation>宝贝的价格和库存来自各个SKU：请逐个修改SKU。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="110"/>
        <source>These SKUs are written as lists in one row: correct them in the sheet.</source>
        <translation>这些SKU写在一行的SKU列表里：请在表格里修改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="118"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="122"/>
        <source>Colour picture: %1</source>
        <translation>颜色图：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sku_lines.py" line="128"/>
        <source>Change…</source>
        <translation>修改…</translation>
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
    <name>ValuesDialog</name>
    <message>
        <location filename="../../app/ui/property_editor.py" line="130"/>
        <source>Values of %1</source>
        <translation>%1 的值</translation>
    </message>
    <message>
        <location filename="../../app/ui/property_editor.py" line="134"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../app/ui/window_menus.py" line="62"/>
        <source>&amp;Open sheet…</source>
        <translation>打开表格(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="64"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="66"/>
        <source>Download &amp;template…</source>
        <translation>下载模板(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="69"/>
        <source>&amp;Match columns…</source>
        <translation>列对应(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="72"/>
        <source>&amp;Search rows</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="74"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="76"/>
        <source>&amp;About TaoShelf</source>
        <translation>关于淘上架(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="79"/>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="82"/>
        <source>Upload &amp;history…</source>
        <translation>上架记录(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="85"/>
        <source>S&amp;ync changes to Taobao</source>
        <translation>同步修改到淘宝(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="89"/>
        <source>Send the changes made to listed rows (title, price, pictures…) to their items on Taobao; nothing new is listed</source>
        <translation>把已上架的行的修改（标题、价格、图片…）发送到淘宝上对应的宝贝；不会上架新的商品</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="94"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="102"/>
        <source>&amp;Upload</source>
        <translation>上架(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="118"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="160"/>
        <source>(none yet)</source>
        <translation>（还没有）</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="174"/>
        <source>About TaoShelf</source>
        <translation>关于淘上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="175"/>
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
        <location filename="../../app/ui/window_menus.py" line="216"/>
        <source>%1 rows are not listed yet</source>
        <translation>还有 %1 行没有上架</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="218"/>
        <source>it did not finish</source>
        <translation>没有正常结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="222"/>
        <source>Continue the last upload?</source>
        <translation>继续上次的上架？</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="223"/>
        <source>The last upload of %1 (shop %2 · %3) was not finished: %4.
Open the sheet and continue? Products already listed are not listed again.</source>
        <translation>上次上架「%1」（店铺 %2 · %3）没有完成：%4。
打开这个表格继续吗？已上架的宝贝不会重复上架。</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="236"/>
        <source>Open and continue</source>
        <translation>打开并继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/window_menus.py" line="238"/>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
</context>
</TS>
